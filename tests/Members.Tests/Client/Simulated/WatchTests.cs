using Federation.Members.Client;
using Federation.Members.Simulation;
using Federation.Workloads;
using k8s;

namespace Federation.Members.Tests.Client.Simulated;

/// <summary>Each test watches its own member, since outages and expiry affect the whole member.</summary>
public sealed class WatchTests : IAsyncLifetime
{
    private const int WatchExpiredEvent = MemberClientLog.WatchExpiredId;
    private const int WatchDroppedEvent = MemberClientLog.WatchDroppedId;

    private SimulatedMember _member = null!;

    public async Task InitializeAsync() => _member = await SimulatedMember.StartAsync("watched");

    public async Task DisposeAsync() => await _member.DisposeAsync();

    private static bool Has(IReadOnlyList<DeploymentEvent> events, DeploymentEventType type, string name, Func<DeploymentStatus, bool>? and = null) =>
        events.Any(e => e.Type == type && e.Deployment?.Name == name && (and?.Invoke(e.Deployment) ?? true));

    private static int Resyncs(IReadOnlyList<DeploymentEvent> events) => events.Count(e => e.Type == DeploymentEventType.Resync);

    private async Task AssertWatcherAgreesWithMember(WatchRecorder recorder, IMemberClient client)
    {
        var actual = (await client.ListManagedDeploymentsAsync()).Items.ToDictionary(d => $"{d.Namespace}/{d.Name}", d => d.DesiredReplicas);
        await Eventually.Until(
            () => recorder.State.Count == actual.Count && actual.All(a => recorder.State.TryGetValue(a.Key, out var s) && s.DesiredReplicas == a.Value),
            $"the watcher's view to match {string.Join(",", actual)}");
    }

    [Fact]
    public async Task Watch_starts_with_a_snapshot_then_reports_adds_changes_and_deletes()
    {
        var client = _member.Client();
        await client.EnsureNamespaceAsync("shop");
        await client.ApplyDeploymentAsync(new DeploymentApply("shop", "before", "shop/before", 1, WorkloadTemplate.Parse(Templates.Web(name: "before"))));
        await using var recorder = new WatchRecorder(client.WatchManagedDeploymentsAsync());
        await recorder.WaitFor(e => Resyncs(e) == 1, "the initial snapshot");

        await client.ApplyDeploymentAsync(new DeploymentApply("shop", "after", "shop/after", 2, WorkloadTemplate.Parse(Templates.Web(name: "after"))));
        await client.ScaleDeploymentAsync("shop", "before", 3);
        await client.DeleteDeploymentAsync("shop", "after");

        await recorder.WaitFor(e => Has(e, DeploymentEventType.Added, "after")
            && Has(e, DeploymentEventType.Modified, "before", d => d.DesiredReplicas == 3)
            && Has(e, DeploymentEventType.Deleted, "after"), "add, scale and delete");
        var snapshot = recorder.Events[0];
        Assert.Equal(DeploymentEventType.Resync, snapshot.Type);
        Assert.Equal(["before"], snapshot.Snapshot!.Select(d => d.Name));
        Assert.All(recorder.Events.Where(e => e.Deployment is not null), e => Assert.Equal("shop/" + e.Deployment!.Name, e.Deployment.Application));
    }

    [Fact]
    public async Task Watch_ignores_deployments_the_federation_does_not_manage()
    {
        var client = _member.Client();
        await client.EnsureNamespaceAsync("shop");
        await using var recorder = new WatchRecorder(client.WatchManagedDeploymentsAsync());
        await recorder.WaitFor(e => Resyncs(e) == 1, "the initial snapshot");

        using var raw = _member.Raw();
        await raw.AppsV1.CreateNamespacedDeploymentAsync(KubernetesJson.Deserialize<k8s.Models.V1Deployment>(Templates.Web(name: "hand-made")), "shop");
        await client.ApplyDeploymentAsync(new DeploymentApply("shop", "ours", "shop/ours", 1, WorkloadTemplate.Parse(Templates.Web(name: "ours"))));

        // Events arrive in resourceVersion order, so once "ours" is seen, "hand-made" would have been too.
        await recorder.WaitFor(e => Has(e, DeploymentEventType.Added, "ours"), "the managed deployment");
        Assert.DoesNotContain(recorder.Events, e => e.Deployment?.Name == "hand-made");
    }

    [Theory]
    [InlineData(OutageMode.Refuse)]
    [InlineData(OutageMode.Error)]
    public async Task Watch_resumes_after_an_outage_and_misses_no_change(OutageMode mode)
    {
        using var log = new RecordingLoggerFactory();
        var watcher = _member.Client(SimulatedMember.Quick with { WatchReconnectBaseDelay = TimeSpan.FromMilliseconds(300), LoggerFactory = log });
        var writer = _member.Client();
        await writer.EnsureNamespaceAsync("shop");
        await writer.ApplyDeploymentAsync(new DeploymentApply("shop", "keep", "shop/keep", 1, WorkloadTemplate.Parse(Templates.Web(name: "keep"))));
        await writer.ApplyDeploymentAsync(new DeploymentApply("shop", "drop", "shop/drop", 1, WorkloadTemplate.Parse(Templates.Web(name: "drop"))));
        await using var recorder = new WatchRecorder(watcher.WatchManagedDeploymentsAsync());
        await recorder.WaitFor(e => Resyncs(e) == 1, "the initial snapshot");

        _member.Cluster.SetOutage(mode);
        await Assert.ThrowsAsync<MemberClientException>(() => writer.ListManagedDeploymentsAsync()); // the member is really dark
        _member.Cluster.Recover();
        // Changed right after recovery: the watcher is still backing off, so these arrive only through resuming.
        await writer.ScaleDeploymentAsync("shop", "keep", 5);
        await writer.DeleteDeploymentAsync("shop", "drop");
        await writer.ApplyDeploymentAsync(new DeploymentApply("shop", "new", "shop/new", 2, WorkloadTemplate.Parse(Templates.Web(name: "new"))));

        await recorder.WaitFor(e => Has(e, DeploymentEventType.Modified, "keep", d => d.DesiredReplicas == 5)
            && Has(e, DeploymentEventType.Deleted, "drop")
            && Has(e, DeploymentEventType.Added, "new"), "every change made around the outage");
        Assert.Equal(1, Resyncs(recorder.Events)); // resumed from its resourceVersion, no re-list needed
        Assert.True(log.Count(WatchDroppedEvent) > 0, "the watch connection never dropped, so nothing was resumed");
        await AssertWatcherAgreesWithMember(recorder, writer);
    }

    [Fact]
    public async Task Watch_resumes_after_a_hang_once_the_connection_goes_silent()
    {
        using var log = new RecordingLoggerFactory();
        var watcher = _member.Client(SimulatedMember.Quick with { WatchIdleTimeout = TimeSpan.FromSeconds(1), LoggerFactory = log });
        var writer = _member.Client();
        await writer.EnsureNamespaceAsync("shop");
        await using var recorder = new WatchRecorder(watcher.WatchManagedDeploymentsAsync());
        await recorder.WaitFor(e => Resyncs(e) == 1, "the initial snapshot");

        // Hang for well over the idle timeout, so the silent connection is certainly given up on.
        _member.Cluster.SetOutage(OutageMode.Hang, TimeSpan.FromSeconds(3));
        await Eventually.Until(async () => (await writer.ProbeAsync()).Healthy, h => h, "the hang to end");
        await writer.ApplyDeploymentAsync(new DeploymentApply("shop", "late", "shop/late", 1, WorkloadTemplate.Parse(Templates.Web(name: "late"))));

        await recorder.WaitFor(e => Has(e, DeploymentEventType.Added, "late"), "the change after the hang");
        Assert.True(log.Count(WatchDroppedEvent) > 0, "the silent watch was never re-opened");
        Assert.Equal(1, Resyncs(recorder.Events));
        await AssertWatcherAgreesWithMember(recorder, writer);
    }

    [Fact]
    public async Task Watch_relists_with_a_full_snapshot_when_its_resource_version_has_expired()
    {
        using var log = new RecordingLoggerFactory();
        var client = _member.Client(SimulatedMember.Quick with { LoggerFactory = log });
        await client.EnsureNamespaceAsync("shop");
        await client.ApplyDeploymentAsync(new DeploymentApply("shop", "a", "shop/a", 1, WorkloadTemplate.Parse(Templates.Web(name: "a"))));
        var stale = (await client.ListManagedDeploymentsAsync()).ResourceVersion;
        await client.ApplyDeploymentAsync(new DeploymentApply("shop", "b", "shop/b", 2, WorkloadTemplate.Parse(Templates.Web(name: "b"))));
        await client.DeleteDeploymentAsync("shop", "a");
        _member.Cluster.Compact(); // the member forgets the events after 'stale', as etcd compaction does

        await using var recorder = new WatchRecorder(((KubernetesMemberClient)client).WatchManagedDeploymentsAsync(stale));

        await recorder.WaitFor(e => Resyncs(e) == 1, "a resync after 410 Gone");
        Assert.True(log.Count(WatchExpiredEvent) == 1, "the resync did not come from a 410 Gone");
        var resync = recorder.Events.Single(e => e.Type == DeploymentEventType.Resync);
        Assert.Equal(["b"], resync.Snapshot!.Where(d => d.Namespace == "shop").Select(d => d.Name));
        Assert.DoesNotContain(recorder.Events, e => e.Type == DeploymentEventType.Added && e.Deployment!.Name == "a");
        await AssertWatcherAgreesWithMember(recorder, client);
    }

    [Fact]
    public async Task Watch_relists_when_the_member_forgot_its_history_during_an_outage()
    {
        using var log = new RecordingLoggerFactory();
        var watcher = _member.Client(SimulatedMember.Quick with { LoggerFactory = log });
        var writer = _member.Client();
        await writer.EnsureNamespaceAsync("shop");
        await writer.ApplyDeploymentAsync(new DeploymentApply("shop", "old", "shop/old", 1, WorkloadTemplate.Parse(Templates.Web(name: "old"))));
        await Eventually.Until(() => writer.GetDeploymentAsync("shop", "old"), d => d?.ReadyReplicas == 1, "the old deployment ready");
        var nodes = (await writer.GetCapacityAsync()).Nodes.Select(n => n.Name).ToList();
        await using var recorder = new WatchRecorder(watcher.WatchManagedDeploymentsAsync());
        await recorder.WaitFor(e => Resyncs(e) == 1, "the initial snapshot");

        _member.Cluster.SetOutage(OutageMode.Refuse);
        await Eventually.Until(() => log.Count(WatchDroppedEvent) > 0, "the watch to notice the outage");
        // While the member is dark, its nodes fail (its pods turn unready) and it compacts its history,
        // so the watcher's resourceVersion is gone by the time it can re-connect.
        nodes.ForEach(n => _member.Cluster.SetNodeReady(n, false));
        _member.Cluster.Compact();
        _member.Cluster.Recover();

        await recorder.WaitFor(e => Resyncs(e) == 2, "a resync after the expired resume");
        Assert.Equal(1, log.Count(WatchExpiredEvent));
        Assert.Equal(["old"], recorder.Events.Last(e => e.Type == DeploymentEventType.Resync).Snapshot!.Select(d => d.Name));
        await writer.DeleteDeploymentAsync("shop", "old");
        await writer.ApplyDeploymentAsync(new DeploymentApply("shop", "fresh", "shop/fresh", 3, WorkloadTemplate.Parse(Templates.Web(name: "fresh"))));
        await recorder.WaitFor(e => Has(e, DeploymentEventType.Deleted, "old") && Has(e, DeploymentEventType.Added, "fresh"), "the changes after the resync");
        await Eventually.Until(() => recorder.State.TryGetValue("shop/old", out _) == false, "old gone from the watcher's view");
        await AssertWatcherAgreesWithMember(recorder, writer);
    }

    [Fact]
    public async Task Disposing_the_client_ends_its_watch()
    {
        var client = _member.Client();
        var events = new List<DeploymentEvent>();

        var watching = Task.Run(async () =>
        {
            await foreach (var e in client.WatchManagedDeploymentsAsync())
            {
                events.Add(e);
            }
        });
        await Eventually.Until(() => events.Count > 0 || watching.IsCompleted, "the initial snapshot");
        client.Dispose();

        await watching.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(DeploymentEventType.Resync, Assert.Single(events).Type);
    }
}
