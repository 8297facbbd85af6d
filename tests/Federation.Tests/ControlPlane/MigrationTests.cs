using System.Net;
using System.Net.Http.Json;
using Federation.Members.Simulation;
using Federation.Scheduling;

namespace Federation.Tests.ControlPlane;

public sealed class MigrationTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    private static object Steady(string name, int replicas, string failoverAfter = "2s") => new
    {
        replicas,
        template = Fleet.Template(name),
        placement = new { strategy = "Weighted" },
        maxUnavailable = 0,
        failoverAfter,
        migration = new { stepSize = 1, stepTimeout = "20s", unhealthyAfter = "30s" },
    };

    [Fact]
    public async Task Drain_keeps_ready_replicas_at_floor_and_empties_the_member()
    {
        await using var fleet = await Fleet.StartAsync();
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("default", "web", Steady("web", 6))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "web") == 6 && fleet["west"].SpecReplicas("default", "web") == 2, Deadline, "6 ready, 2 on west");

        // Sample ready replicas continuously while the CLI drains west and waits for it.
        using var sampling = new CancellationTokenSource();
        var minimum = int.MaxValue;
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                minimum = Math.Min(minimum, fleet.ReadyTotal("default", "web"));
                await Task.Delay(5);
            }
        });
        var exit = await Cli.RunAsync("clusters", "drain", "west", "--wait", "--timeout", "60s", "--server", fleet.Url);
        await sampling.CancelAsync();
        await sampler;

        Assert.Equal(0, exit);
        Assert.Equal(0, fleet["west"].SpecReplicas("default", "web"));
        Assert.True(minimum >= 6, $"ready replicas fell to {minimum}, below the floor of 6");
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "web") == 6, Deadline, "6 ready on the other members");
        Assert.Equal(MemberState.Draining, (await fleet.GetClusterAsync("west"))!.State);
    }

    [Fact]
    public async Task A_dark_member_fails_over_and_is_scaled_down_when_it_returns()
    {
        await using var fleet = await Fleet.StartAsync();
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("default", "web", Steady("web", 6, failoverAfter: "1s"))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "web") == 6, Deadline, "6 ready");
        var westBefore = fleet["west"].SpecReplicas("default", "web");
        Assert.True(westBefore > 0);

        fleet["west"].SetOutage(OutageMode.Refuse);
        await Eventually.WaitAsync(
            () => fleet["east"].ReadyReplicas("default", "web") + fleet["central"].ReadyReplicas("default", "web") == 6,
            Deadline,
            "west's replicas running on east and central");
        Assert.Equal(MemberState.NotReady, (await fleet.GetClusterAsync("west"))!.State);

        // West comes back with its stale Deployment: it is scaled down to its new share, and
        // once reconciled the total never exceeds the intended count.
        fleet["west"].Recover();
        await Eventually.WaitAsync(() => fleet.SpecTotal("default", "web") == 6, Deadline, "west's stale replicas scaled down");
        for (var i = 0; i < 20; i++)
        {
            Assert.True(fleet.SpecTotal("default", "web") <= 6 + 1, "more than the intended count (plus one step) is running");
            await Task.Yield();
        }

        var events = await fleet.Api.GetFromJsonAsync<List<Grains.EventView>>("/api/v1/events?application=default/web", Fleet.Json);
        Assert.Contains(events!, e => e.Kind == "MigrationStarted" && e.Reason == "failover");
    }

    [Fact]
    public async Task Retire_empties_the_member_and_unjoin_is_refused_until_then()
    {
        await using var fleet = await Fleet.StartAsync(podStartup: TimeSpan.FromMilliseconds(400));
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("default", "web", Steady("web", 6))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "web") == 6, Deadline, "6 ready");

        var retire = await fleet.Api.PostAsync("/api/v1/clusters/central/retire", null);
        Assert.Equal(HttpStatusCode.OK, retire.StatusCode);
        var refused = await fleet.Api.DeleteAsync("/api/v1/clusters/central");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("default/web", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await Eventually.WaitAsync(() => fleet["central"].SpecReplicas("default", "web") == 0, Deadline, "central empty");
        await Eventually.WaitAsync(async () => (await fleet.GetClusterAsync("central"))!.Workloads is { Count: 0 }, Deadline, "no workloads left on central");
        Assert.Equal(MemberState.Retired, (await fleet.GetClusterAsync("central"))!.State);

        // Retired members are no longer scheduled: a new application does not land there.
        (await fleet.PutApplicationAsync("default", "api", Steady("api", 4))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "api") == 4, Deadline, "api ready");
        Assert.Equal(0, fleet["central"].SpecReplicas("default", "api"));

        Assert.Equal(HttpStatusCode.NoContent, (await fleet.Api.DeleteAsync("/api/v1/clusters/central")).StatusCode);
    }

    [Fact]
    public async Task A_drain_interrupted_by_a_host_restart_finishes_after_it_without_loss_or_doubling()
    {
        // Slow pods make the drain last long enough to be interrupted part way.
        await using var fleet = await Fleet.StartAsync(podStartup: TimeSpan.FromMilliseconds(700));
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("default", "web", Steady("web", 9))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "web") == 9 && fleet["east"].SpecReplicas("default", "web") == 3, Deadline, "9 ready, 3 on east");

        (await fleet.Api.PostAsync("/api/v1/clusters/east/drain", null)).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet["east"].SpecReplicas("default", "web") is > 0 and < 3, Deadline, "the drain part way");

        await fleet.StopHostAsync();
        var maxSpec = 0;
        var minReady = int.MaxValue;
        await fleet.StartHostAsync();
        await Eventually.WaitAsync(
            () =>
            {
                maxSpec = Math.Max(maxSpec, fleet.SpecTotal("default", "web"));
                minReady = Math.Min(minReady, fleet.ReadyTotal("default", "web"));
                return fleet["east"].SpecReplicas("default", "web") == 0 && fleet.ReadyTotal("default", "web") == 9;
            },
            Deadline,
            "the drain to finish after the restart");

        Assert.True(maxSpec <= 9 + 1, $"{maxSpec} replicas were set at once: more than the total plus one step");
        Assert.True(minReady >= 9, $"ready replicas fell to {minReady} across the restart");
        Assert.Equal(9, fleet.SpecTotal("default", "web"));
    }
}
