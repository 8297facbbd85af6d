using Federation.Members.Client;
using Federation.Members.Simulation;
using Federation.Workloads;
using k8s;

namespace Federation.Members.Tests.Client.Simulated;

/// <summary>The member client writes and observes StatefulSets running a range of ordinals, over HTTP against a simulated member.</summary>
public sealed class StatefulSetOperationsTests : IAsyncLifetime
{
    private SimulatedMember _member = null!;

    public async Task InitializeAsync() =>
        _member = await SimulatedMember.StartAsync("sts-member", new SimulatedMemberOptions { PodStartupDelay = TimeSpan.FromMilliseconds(200) });

    public async Task DisposeAsync() => await _member.DisposeAsync();

    private static WorkloadTemplate Db(string image = "postgres:16") => WorkloadTemplate.Parse(Templates.Web(image: image, name: "db", kind: "StatefulSet"));

    private async Task<string[]> PodNamesAsync(string ns)
    {
        using var raw = _member.Raw();
        var pods = await raw.CoreV1.ListNamespacedPodAsync(ns);
        return [.. pods.Items.Where(p => p.Metadata.DeletionTimestamp is null).Select(p => p.Metadata.Name).Order(StringComparer.Ordinal)];
    }

    [Fact]
    public async Task Applied_statefulset_runs_the_given_ordinals_and_reports_them_ready()
    {
        var client = _member.Client();
        await client.EnsureNamespaceAsync("data");

        var applied = await client.ApplyDeploymentAsync(new DeploymentApply("data", "db", "data/db", 2, Db(), OrdinalsStart: 3));
        var ready = await Eventually.Until(() => client.GetDeploymentAsync("data", "db", WorkloadTemplate.StatefulSet), s => s is { ReadyReplicas: 2, UpdatedReplicas: 2 }, "two ready pods");

        Assert.Equal((WorkloadTemplate.StatefulSet, 3, 2), (applied.Kind, applied.OrdinalsStart, applied.DesiredReplicas));
        Assert.Equal((3, 2, 0), (ready!.OrdinalsStart, ready.AvailableReplicas, ready.UnavailableReplicas));
        Assert.Equal(["db-3", "db-4"], await PodNamesAsync("data"));
        Assert.Null(await client.GetDeploymentAsync("data", "db")); // no Deployment of that name
    }

    [Fact]
    public async Task Moving_the_start_up_removes_the_lowest_ordinal_and_a_new_image_rolls_in_place()
    {
        var client = _member.Client();
        await client.EnsureNamespaceAsync("data");
        await client.ApplyDeploymentAsync(new DeploymentApply("data", "db", "data/db", 3, Db(), OrdinalsStart: 2));
        await Eventually.Until(() => client.GetDeploymentAsync("data", "db", WorkloadTemplate.StatefulSet), s => s?.ReadyReplicas == 3, "three ready pods");

        await client.ApplyDeploymentAsync(new DeploymentApply("data", "db", "data/db", 2, Db(), OrdinalsStart: 3));
        await Eventually.Until(() => PodNamesAsync("data"), names => names.SequenceEqual(["db-3", "db-4"]), "db-2 removed");

        await client.ApplyDeploymentAsync(new DeploymentApply("data", "db", "data/db", 2, Db("postgres:17"), OrdinalsStart: 3));
        var updated = await Eventually.Until(() => client.GetDeploymentAsync("data", "db", WorkloadTemplate.StatefulSet), s => s is { UpdatedReplicas: 2, ReadyReplicas: 2 }, "both pods updated");

        Assert.Equal(["db-3", "db-4"], await PodNamesAsync("data"));
        Assert.Equal(updated!.Generation, updated.ObservedGeneration);
    }

    [Fact]
    public async Task Watch_reports_statefulsets_and_delete_removes_them()
    {
        var client = _member.Client();
        await client.EnsureNamespaceAsync("data");
        await using var recorder = new WatchRecorder(client.WatchManagedStatefulSetsAsync());
        await recorder.WaitFor(e => e.Any(x => x.Type == DeploymentEventType.Resync), "the initial snapshot");

        await client.ApplyDeploymentAsync(new DeploymentApply("data", "db", "data/db", 1, Db(), OrdinalsStart: 5));
        await recorder.WaitFor(e => e.Any(x => x.Deployment is { Name: "db", ReadyReplicas: 1, OrdinalsStart: 5, Application: "data/db" }), "the StatefulSet ready");
        await client.DeleteDeploymentAsync("data", "db", WorkloadTemplate.StatefulSet);
        await recorder.WaitFor(e => e.Any(x => x.Type == DeploymentEventType.Deleted && x.Deployment?.Name == "db"), "the StatefulSet deleted");

        Assert.Null(await client.GetDeploymentAsync("data", "db", WorkloadTemplate.StatefulSet));
    }
}
