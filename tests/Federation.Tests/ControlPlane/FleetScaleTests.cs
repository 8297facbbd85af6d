using System.Net.Http.Json;
using System.Text.Json;
using Federation.Grains;
using Federation.Hosting;
using Federation.Members.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Federation.Observability;

namespace Federation.Tests.ControlPlane;

/// <summary>The host at fleet scale: changes reach only the applications they concern; a restart re-forms the index and moves nothing.</summary>
public sealed class FleetScaleTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static object App(string name, int replicas, params string[] members) => new
    {
        replicas,
        placement = new { strategy = "Weighted", clusterNames = members },
        template = Fleet.Template(name, cpu: "10m"),
    };

    /// <summary>Two replicas on east and west, moved off a member unreachable for <paramref name="failoverAfter"/>.</summary>
    private static object OnEastAndWest(string name, string failoverAfter) => new
    {
        replicas = 2,
        failoverAfter,
        placement = new { strategy = "Weighted", clusterNames = new[] { "east", "west" } },
        template = Fleet.Template(name, cpu: "10m"),
    };

    /// <summary>
    /// No resync, and members' reports gathered for 2 s into one reconcile (each member reports its pods
    /// created, then ready): every reconcile counted is one a change caused.
    /// </summary>
    private static async Task<Fleet> QuietFleetAsync()
    {
        var fleet = await Fleet.StartAsync(configure: o =>
        {
            o.ResyncInterval = TimeSpan.FromHours(1);
            o.ObservationBatch = TimeSpan.FromSeconds(2);
        });
        await fleet.JoinAllAsync();
        return fleet;
    }

    private static double Reconciles(string ns, string name) => FederationMetrics.ApplicationReconciles.WithLabels($"{ns}/{name}").Value;

    [Fact]
    public async Task A_member_change_reaches_only_the_applications_with_replicas_there()
    {
        // No resync in this test: every reconcile counted is one a change caused.
        await using var fleet = await Fleet.StartAsync(configure: o => o.ResyncInterval = TimeSpan.FromHours(1));
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("poke", "on-central", App("on-central", 2, "central"))).EnsureSuccessStatusCode();
        (await fleet.PutApplicationAsync("poke", "elsewhere", App("elsewhere", 2, "east", "west"))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("poke", "on-central") == 2 && fleet.ReadyTotal("poke", "elsewhere") == 2, Deadline, "both ready");
        await Eventually.WaitAsync(async () => (await fleet.GetApplicationAsync("poke", "elsewhere"))?.Conditions.Single(c => c.Type == "Progressing").Status == false, Deadline, "elsewhere steady");

        var elsewhereBefore = Reconciles("poke", "elsewhere");
        var centralBefore = Reconciles("poke", "on-central");
        (await fleet.Api.PostAsync("/api/v1/clusters/central/cordon", null)).EnsureSuccessStatusCode();
        fleet["east"].AddNode("more-room", 4000, 8L << 30);

        await Eventually.WaitAsync(() => Reconciles("poke", "on-central") > centralBefore, Deadline, "the cordon reaches the application on central");
        // The other one may still be reached by its own members' reports, but not by central's cordon
        // nor by east's new room (it waits for nothing): give both changes time to travel, then compare.
        (await fleet.Api.PostAsync("/api/v1/clusters/central/uncordon", null)).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => Reconciles("poke", "on-central") >= centralBefore + 2, Deadline, "the uncordon reaches it too");
        Assert.Equal(elsewhereBefore, Reconciles("poke", "elsewhere"));
    }

    [Fact]
    public async Task A_member_that_stops_answering_is_shown_at_once_without_a_reconcile_and_its_replicas_move_at_failover_after()
    {
        await using var fleet = await QuietFleetAsync();
        var body = OnEastAndWest("dark", failoverAfter: "8s");
        (await fleet.PutApplicationAsync("unreachable", "dark", body)).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("unreachable", "dark") == 2, Deadline, "both ready");
        await Eventually.WaitAsync(() => Reconciles("unreachable", "dark") >= 2, Deadline, "the PUT's reconcile, and the gathered reports'");
        var before = Reconciles("unreachable", "dark");

        fleet["east"].SetOutage(OutageMode.Refuse);
        await Eventually.WaitAsync(
            async () => (await fleet.GetApplicationAsync("unreachable", "dark"))!.Members.Single(m => m.Cluster == "east").Reachable == false,
            Deadline,
            "east unreachable in the application's view");

        Assert.Equal(before, Reconciles("unreachable", "dark"));
        Assert.Equal(1, fleet["west"].SpecReplicas("unreachable", "dark"));
        await Eventually.WaitAsync(() => fleet["west"].ReadyReplicas("unreachable", "dark") == 2, Deadline, "east's replica moved to west at failoverAfter");
        Assert.True(Reconciles("unreachable", "dark") > before);
    }

    [Fact]
    public async Task Pods_starting_on_three_members_cost_one_reconcile_for_their_reports_not_one_each()
    {
        // Six or more reports (created, then ready, on each member); only the ready ones, gathered, make a reconcile.
        await using var fleet = await QuietFleetAsync();
        (await fleet.PutApplicationAsync("reports", "web", App("web", 6, "east", "west", "central"))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("reports", "web") == 6, Deadline, "six ready");
        await Eventually.WaitAsync(async () => (await fleet.GetApplicationAsync("reports", "web"))?.Members.Sum(m => m.Ready) == 6, Deadline, "the application has heard of all six");
        await Eventually.WaitAsync(() => Reconciles("reports", "web") >= 2, Deadline, "the gathered reports reconcile");

        Assert.InRange(Reconciles("reports", "web"), 2, 3); // the PUT's, and the gathered reports' (a late one may make a second)
        Assert.All(new[] { "east", "west", "central" }, m => Assert.Equal(2, fleet[m].ReadyReplicas("reports", "web")));
    }

    [Fact]
    public async Task A_host_restart_re_forms_the_index_from_the_applications_and_moves_nothing()
    {
        const int Applications = 300;
        await using var fleet = await Fleet.StartAsync(configure: o => o.MemberWritesPerSecond = 1000);
        await fleet.JoinAllAsync();
        var names = Enumerable.Range(0, Applications).Select(i => $"app{i:D4}").ToList();
        await Parallel.ForEachAsync(names, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (name, _) =>
            (await fleet.PutApplicationAsync("restart", name, App(name, 2))).EnsureSuccessStatusCode());
        await Eventually.WaitAsync(() => names.All(n => fleet.ReadyTotal("restart", n) == 2), Deadline, "every application ready");
        var before = Placements(fleet, names);
        var east = await WorkloadsAsync(fleet, "east");

        await fleet.StopHostAsync();
        await fleet.StartHostAsync();

        var listed = await fleet.Api.GetFromJsonAsync<JsonElement>("/api/v1/applications");
        Assert.Equal(Applications, listed.GetArrayLength());
        // The host learns where everything is from the applications: east's workload list comes back whole.
        await Eventually.WaitAsync(async () => (await WorkloadsAsync(fleet, "east")).SetEquals(east), Deadline, "east's workloads known again");
        Assert.Equal(before, Placements(fleet, names));
    }

    [Fact]
    public async Task While_every_reconcile_turn_is_taken_a_failover_waits_its_turn_and_a_change_through_the_api_does_not()
    {
        await using var fleet = await Fleet.StartAsync(configure: o =>
        {
            o.ResyncInterval = TimeSpan.FromHours(1);
            o.ReconcileConcurrency = 2;
        });
        await fleet.JoinAllAsync();
        var failingOver = OnEastAndWest("failing", failoverAfter: "1s");
        (await fleet.PutApplicationAsync("gate", "failing", failingOver)).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("gate", "failing") == 2, Deadline, "both replicas ready");
        var gate = fleet.Services.GetRequiredService<ReconcileGate>();
        var turns = new[] { (await gate.EnterAsync())!.Value, (await gate.EnterAsync())!.Value };
        try
        {
            fleet["east"].SetOutage(OutageMode.Refuse);
            await Eventually.WaitAsync(() => gate.Waiting > 0, Deadline, "east's loss queues a reconcile at the gate");
            Assert.True(FederationMetrics.ReconcilesWaiting.Value >= 1, "the backlog is on the gauge");

            (await fleet.PutApplicationAsync("gate", "changed", App("changed", 2, "west", "central"))).EnsureSuccessStatusCode();

            Assert.Equal(2, fleet.SpecTotal("gate", "changed"));
            Assert.Equal(1, fleet["west"].SpecReplicas("gate", "failing"));
        }
        finally
        {
            foreach (var turn in turns)
            {
                turn.Dispose();
            }
        }

        await Eventually.WaitAsync(() => fleet["west"].ReadyReplicas("gate", "failing") == 2, Deadline, "the failover runs once the gate frees");
        Assert.Equal(0, gate.Waiting);
    }

    [Fact]
    public async Task An_update_answered_is_kept_by_a_host_stopped_right_after_it_the_first_of_an_activation_or_a_later_one()
    {
        await using var fleet = await Fleet.StartAsync();
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("kept", "web", App("web", 2, "east", "west"))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("kept", "web") == 2, Deadline, "two ready");

        // A later PUT of the activation: stored once, with what its reconcile did.
        (await fleet.PutApplicationAsync("kept", "web", App("web", 4, "east", "west"))).EnsureSuccessStatusCode();
        await fleet.StopHostAsync();
        await fleet.StartHostAsync();
        Assert.Equal(4, (await fleet.GetApplicationAsync("kept", "web"))!.Replicas);

        // The first PUT of a new activation: stored before the registry is told, then with its reconcile.
        (await fleet.PutApplicationAsync("kept", "web", App("web", 6, "east", "west"))).EnsureSuccessStatusCode();
        await fleet.StopHostAsync();
        await fleet.StartHostAsync();
        Assert.Equal(6, (await fleet.GetApplicationAsync("kept", "web"))!.Replicas);
        await Eventually.WaitAsync(() => fleet.ReadyTotal("kept", "web") == 6, Deadline, "six ready");
    }

    [Fact]
    public async Task Bench_fleet_prints_its_figures_as_one_json_line_and_loses_nothing()
    {
        var output = new StringWriter();

        var exit = await FleetBenchmark.RunAsync(new FleetBenchmark.Settings(Applications: 20, Members: 3, Replicas: 3, Json: true), output, CancellationToken.None);

        var figures = JsonDocument.Parse(output.ToString().Trim().Split('\n')[^1]).RootElement;
        Assert.Equal(0, exit);
        foreach (var field in new[] { "applications", "members", "placeSeconds", "failoverApplications", "failoverSeconds", "detectionSeconds", "peakWorkingSetBytes", "memberWritesPerSecondPeak", "lostReplicas", "overSurge", "changePutP50Ms", "changeWrittenP50Ms", "rawMemberApplyP50Ms", "rawMemberScaleP50Ms" })
        {
            Assert.True(figures.TryGetProperty(field, out _), $"no {field} in {figures}");
        }

        Assert.Equal(20, figures.GetProperty("applications").GetInt32());
        Assert.True(figures.GetProperty("failoverApplications").GetInt32() > 0, "the lost member held replicas");
        Assert.Equal(0, figures.GetProperty("lostReplicas").GetInt32());
        Assert.Equal(0, figures.GetProperty("overSurge").GetInt32());
    }

    private static string Placements(Fleet fleet, IEnumerable<string> names) =>
        string.Join(";", names.Select(n => n + ":" + string.Join(",", fleet.Members.Select(m => m.SpecReplicas("restart", n)))));

    private static async Task<HashSet<string>> WorkloadsAsync(Fleet fleet, string member)
    {
        var cluster = await fleet.Api.GetFromJsonAsync<JsonElement>($"/api/v1/clusters/{member}");
        return cluster.TryGetProperty("workloads", out var w)
            ? [.. w.EnumerateArray().Select(x => x.GetProperty("application").GetString()!)]
            : [];
    }
}
