using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Federation.Api;
using Federation.Grains;
using Microsoft.Extensions.DependencyInjection;

namespace Federation.Tests.ControlPlane;

public sealed class SurvivabilityWatchTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Losing_east_leaves_6_unplaced_until_a_member_is_added()
    {
        // Two 1-core nodes per member: eight 250m pods fill one. web runs all 8 on east; west may take 2 only.
        await using var fleet = await Fleet.StartAsync(
            names: ["east", "west", "north"], nodeMilliCpu: 1000, configure: o => o.SurvivabilityInterval = TimeSpan.FromMilliseconds(300));
        await JoinAsync(fleet, "east");
        await JoinAsync(fleet, "west");
        (await fleet.PutApplicationAsync("default", "web", new
        {
            replicas = 8,
            template = Fleet.Template("web", cpu: "250m"),
            placement = new { strategy = "Aggregated", bounds = new Dictionary<string, object> { ["west"] = new { max = 2 } } },
        })).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "web") == 8 && fleet["east"].SpecReplicas("default", "web") == 8, Deadline, "8 ready on east");

        // Reported by the plan, the host's watch (for the dashboard) and the metrics alike.
        var plan = await (await fleet.Api.PostAsJsonAsync("/api/v1/plans/survivability", new { survive = 1 })).Content.ReadFromJsonAsync<SurvivabilityResult>(Fleet.Json);
        Assert.Equal(6, plan!.Scenarios.Single(s => s.Groups.SequenceEqual(["east"])).Unplaced);
        await Eventually.WaitAsync(async () => await Metric(fleet, "federation_fleet_unsurvivable_losses") == 1
            && await Metric(fleet, "federation_member_loss_shortfall_replicas{member=\"east\"}") == 6, Deadline, "metrics: 1 unsurvivable loss, east 6");
        var losses = await fleet.Grains.GetGrain<IHostClusterGrain>(HostClusterGrain.Key).GetLossesAsync();
        Assert.Equal("east 6 default/web: 6 of 8", string.Join("; ", losses!.Worst.Select(l => $"{l.Member} {l.Unplaced} {string.Join(",", l.Applications)}")));

        await JoinAsync(fleet, "north");

        // The gauges are the process's, shared with hosts of other tests running beside this one: the
        // host's own answer and the gauge it re-sets on each evaluation must agree.
        await Eventually.WaitAsync(
            async () => (await fleet.Grains.GetGrain<IHostClusterGrain>(HostClusterGrain.Key).GetLossesAsync())!.Worst.Count == 0
                && await Metric(fleet, "federation_fleet_unsurvivable_losses") == 0,
            Deadline,
            "every loss survivable, in the host's answer and the metric");
    }

    [Fact]
    public async Task While_reconciles_wait_for_their_turn_the_next_evaluation_waits_and_says_so()
    {
        await using var fleet = await Fleet.StartAsync(names: ["east", "west", "north"], configure: o =>
        {
            o.SurvivabilityInterval = TimeSpan.FromMilliseconds(300);
            o.ReconcileConcurrency = 1;
        });
        await JoinAsync(fleet, "east");
        await JoinAsync(fleet, "west");
        (await fleet.PutApplicationAsync("default", "web", new { replicas = 2, template = Fleet.Template("web") })).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "web") == 2, Deadline, "2 ready");
        var host = fleet.Grains.GetGrain<IHostClusterGrain>(HostClusterGrain.Key);
        await Eventually.WaitAsync(async () => (await host.GetLossesAsync())?.Losses == 2, Deadline, "east's and west's losses evaluated");
        var gate = fleet.Services.GetRequiredService<ReconcileGate>();
        var turn = (await gate.EnterAsync())!.Value;
        try
        {
            // A reconcile waits for the gate's only turn; then a member joins, which changes the answer.
            await fleet.Grains.GetGrain<IApplicationGrain>("default/web").PokeAsync("a turn taken", DateTimeOffset.UtcNow);
            await Eventually.WaitAsync(() => gate.Waiting > 0, Deadline, "a reconcile waiting for its turn");
            await JoinAsync(fleet, "north");

            await Eventually.WaitAsync(async () => (await host.GetLossesAsync())!.PausedSince is not null, Deadline, "the evaluation paused, and saying so");
            Assert.Equal(2, (await host.GetLossesAsync())!.Losses);
        }
        finally
        {
            turn.Dispose();
        }

        await Eventually.WaitAsync(
            async () => await host.GetLossesAsync() is { Losses: 3, PausedSince: null },
            Deadline,
            "north's loss evaluated once the reconcile had its turn");
    }

    private static async Task JoinAsync(Fleet fleet, string name)
    {
        var response = await fleet.Api.PostAsJsonAsync("/api/v1/clusters", new { name, server = fleet[name].Url.ToString() });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    /// <summary>One series' value from /metrics, or null when it is not exported.</summary>
    private static async Task<double?> Metric(Fleet fleet, string series)
    {
        var text = await fleet.Api.GetStringAsync("/metrics");
        var match = Regex.Match(text, $"(?m)^{Regex.Escape(series)} (\\S+)$");
        return match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : null;
    }
}
