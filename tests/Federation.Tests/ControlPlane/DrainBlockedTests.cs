using Federation.Applications;
using Federation.Tests.Cli;

namespace Federation.Tests.ControlPlane;

/// <summary>A drain with nowhere to go says why at once, stops its --wait early, and finishes once capacity is added.</summary>
public sealed class DrainBlockedTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task A_drain_of_a_full_fleet_waits_for_capacity_says_why_exits_early_and_finishes_after_capacity_is_added()
    {
        // Two 4-CPU nodes per member and 2500m pods: one pod per node, the fleet holds exactly 6.
        await using var fleet = await Fleet.StartAsync(nodeMilliCpu: 4000);
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("default", "web", new
        {
            replicas = 6,
            template = Fleet.Template("web", cpu: "2500m"),
            placement = new { strategy = "Weighted" },
            failoverAfter = "1m",
            migration = new { stepSize = 1, stepTimeout = "5s", unhealthyAfter = "1m" },
        })).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "web") == 6, Deadline, "6 ready, 2 per member");

        (await fleet.Api.PostAsync("/api/v1/clusters/east/drain", null)).EnsureSuccessStatusCode();
        // The numbers come from the members' capacity reports, which trail the pods by a probe or two.
        const string Why = "2 replica(s) need 2500m CPU each; no Ready member has room; largest free: central 1500m";
        await Eventually.WaitAsync(
            async () => (await fleet.GetApplicationAsync("default", "web"))!.Migration is { Blocked: BlockerReasons.WaitingForCapacity, BlockedMessage: Why },
            Deadline,
            "the migration to say it waits for capacity, and why");
        var web = (await fleet.GetApplicationAsync("default", "web"))!;
        var progressing = web.Conditions.Single(c => c.Type == "Progressing");
        Assert.Equal((true, "WaitingForCapacity"), (progressing.Status, progressing.Reason));
        Assert.Equal(Why, web.Migration!.BlockedMessage);
        Assert.StartsWith("add ", web.Migration.Unblock, StringComparison.Ordinal);
        Assert.Equal(2, fleet["east"].SpecReplicas("default", "web"));

        // --wait stops early with its own exit code, saying per application what blocks it and what would unblock it.
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = fleet.Url });
        var exit = await cli.RunAsync("clusters", "drain", "east", "--wait", "--blocked-timeout", "3s", "--timeout", "10m");
        Assert.True(exit == Federation.Cli.ExitCodes.Blocked, $"exit {exit}: {cli.Out}{cli.Error}");
        Assert.Contains("waiting: WaitingForCapacity: 2 replica(s) need 2500m CPU each", cli.Out.ToString(), StringComparison.Ordinal);
        Assert.Contains("default/web: WaitingForCapacity", cli.Error.ToString(), StringComparison.Ordinal);
        Assert.Contains($"would unblock: {web.Migration.Unblock}", cli.Error.ToString(), StringComparison.Ordinal);

        // Capacity arrives: the same drain finishes by itself, and --wait sees it through.
        fleet["west"].AddNode("west-extra", 4000, 8L << 30);
        fleet["central"].AddNode("central-extra", 4000, 8L << 30);
        Assert.Equal(0, await Cli.RunAsync("clusters", "drain", "east", "--wait", "--timeout", "40s", "--server", fleet.Url));
        Assert.Equal(0, fleet["east"].SpecReplicas("default", "web"));
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "web") == 6, Deadline, "6 ready without east");
        await Eventually.WaitAsync(
            async () => (await fleet.GetApplicationAsync("default", "web"))!.Conditions.Single(c => c.Type == "Progressing").Reason == "Steady",
            Deadline,
            "the application steady again");
    }
}
