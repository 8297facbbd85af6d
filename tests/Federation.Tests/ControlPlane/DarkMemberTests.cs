using System.Net;
using Federation.Members.Simulation;

namespace Federation.Tests.ControlPlane;

/// <summary>Members that went dark: their replicas are unknown, then lost once replaced, and the member can be retired and unjoined.</summary>
public sealed class DarkMemberTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    private static object App(string name, int replicas, string failoverAfter) => new
    {
        replicas,
        template = Fleet.Template(name),
        placement = new { strategy = "Weighted" },
        maxUnavailable = 0,
        failoverAfter,
        migration = new { stepSize = 1, stepTimeout = "20s", unhealthyAfter = "30s" },
    };

    [Fact]
    public async Task Ready_count_leaves_out_an_unreachable_members_replicas_and_shows_them_apart()
    {
        await using var fleet = await Fleet.StartAsync();
        await fleet.JoinAllAsync();
        // A long failoverAfter: east's replicas stay placed there while it is dark.
        (await fleet.PutApplicationAsync("default", "web", App("web", 6, "10m"))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "web") == 6, Deadline, "6 ready");

        fleet["east"].SetOutage(OutageMode.Refuse);
        await Eventually.WaitAsync(
            async () => (await fleet.GetApplicationAsync("default", "web"))!.Members.Single(m => m.Cluster == "east").Reachable == false,
            Deadline,
            "east unreachable in the application's view");

        var web = (await fleet.GetApplicationAsync("default", "web"))!;
        Assert.Equal((4, 2), (web.ReadyReplicas, web.UnknownReplicas));
        var available = web.Conditions.Single(c => c.Type == "Available");
        Assert.False(available.Status, available.Message);
        Assert.Contains("unknown: 2", available.Message, StringComparison.Ordinal);
        Assert.Equal((0, 2), web.Members.Single(m => m.Cluster == "east") is var east ? (east.Ready, east.Unknown) : default);
    }

    [Fact]
    public async Task A_dark_member_is_retired_with_wait_and_then_unjoined()
    {
        await using var fleet = await Fleet.StartAsync();
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("default", "web", App("web", 6, "1s"))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "web") == 6, Deadline, "6 ready");

        fleet["east"].SetOutage(OutageMode.Refuse);
        await Eventually.WaitAsync(
            () => fleet["west"].ReadyReplicas("default", "web") + fleet["central"].ReadyReplicas("default", "web") == 6,
            Deadline,
            "east's replicas running on west and central");

        // East's Deployment still says 2 (it cannot be told otherwise), but those replicas are lost, not remaining.
        var exit = await Cli.RunAsync("clusters", "retire", "east", "--wait", "--timeout", "30s", "--server", fleet.Url);
        Assert.Equal(0, exit);
        var workload = (await fleet.GetClusterAsync("east"))!.Workloads!.Single();
        Assert.Equal((2, 2, 0), (workload.Applied, workload.Lost, workload.Remaining));

        var unjoin = await fleet.Api.DeleteAsync("/api/v1/clusters/east");
        Assert.True(unjoin.StatusCode == HttpStatusCode.NoContent, await unjoin.Content.ReadAsStringAsync());
        Assert.Null(await fleet.GetClusterAsync("east"));
        Assert.Equal(6, fleet["west"].ReadyReplicas("default", "web") + fleet["central"].ReadyReplicas("default", "web"));
        Assert.Equal(2, fleet["east"].SpecReplicas("default", "web"));
    }
}
