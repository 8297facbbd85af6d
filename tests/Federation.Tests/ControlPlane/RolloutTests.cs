using System.Net;
using System.Net.Http.Json;
using Federation.Grains;

namespace Federation.Tests.ControlPlane;

/// <summary>Progressive rollouts over HTTP: four simulated members, waves [canary: east] [west, central] [north].</summary>
public sealed class RolloutTests
{
    /// <summary>A namespace of their own: metrics are one registry per process, and other tests run <c>default/web</c> beside these.</summary>
    internal const string Ns = "rollouts";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly string[] Names = ["east", "west", "central", "north"];

    private static object App(string image, string soak = "1s", int maxFailures = 0, string onFailure = "Rollback", string progressDeadline = "30s") => new
    {
        replicas = 8,
        template = Fleet.Template("web", image),
        placement = new { strategy = "Weighted" },
        maxUnavailable = 0,
        failoverAfter = "5m",
        migration = new { unhealthyAfter = "2s" },
        rollout = new
        {
            strategy = "Progressive",
            canary = new { clusterNames = new[] { "east" } },
            waves = new[] { new { clusterNames = new[] { "west", "central" } } },
            soak,
            progressDeadline,
            maxFailures,
            onFailure,
        },
    };

    private static async Task<Fleet> StartOnWeb1Async()
    {
        var fleet = await Fleet.StartAsync(Names);
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync(Ns, "web", App("web:1"))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal(Ns, "web") == 8 && Names.All(n => fleet[n].ReadyReplicas(Ns, "web") == 2), Deadline, "web:1 ready, 2 on each member");
        return fleet;
    }

    [Fact]
    public async Task A_healthy_version_reaches_the_members_wave_by_wave_and_status_wait_exits_0()
    {
        await using var fleet = await StartOnWeb1Async();
        await using var watch = ImageWatch.Start(fleet);

        (await fleet.PutApplicationAsync(Ns, "web", App("web:2"))).EnsureSuccessStatusCode();
        var exit = await Cli.RunAsync("apps", "rollout", "status", "rollouts/web", "--wait", "--timeout", "90s", "--server", fleet.Url);
        await watch.StopAsync();

        Assert.Equal(0, exit);
        Assert.All(Names, n => Assert.Equal("web:2", fleet[n].DeploymentImage(Ns, "web")));
        var first = watch.FirstOn("web:2");
        Assert.True(first["east"] < first["west"] && first["east"] < first["central"], "the canary goes first");
        Assert.True(first["west"] < first["north"] && first["central"] < first["north"], "north, the last wave, goes after wave 2");

        // Never two waves at once: when north changed, both members of wave 2 ran web:2 ready.
        var northStart = watch.Samples.First(s => s.Images["north"] == "web:2");
        Assert.True(northStart.Images["west"] == "web:2" && northStart.Images["central"] == "web:2");
        Assert.True(watch.MinimumReady >= 8, $"ready replicas fell to {watch.MinimumReady}");
        var view = (await fleet.GetApplicationAsync(Ns, "web"))!;
        Assert.Equal("Succeeded", view.Rollout!.Phase);
    }

    [Fact]
    public async Task A_version_crashing_on_the_canary_is_rolled_back_and_nothing_else_changes()
    {
        await using var fleet = await StartOnWeb1Async();
        fleet["east"].SetImage("web:2", ready: false, crash: true);
        await using var watch = ImageWatch.Start(fleet);

        (await fleet.PutApplicationAsync(Ns, "web", App("web:2"))).EnsureSuccessStatusCode();
        var exit = await Cli.RunAsync("apps", "rollout", "status", "rollouts/web", "--wait", "--timeout", "90s", "--server", fleet.Url);
        await Eventually.WaitAsync(() => fleet["east"].DeploymentImage(Ns, "web") == "web:1" && fleet.ReadyTotal(Ns, "web") == 8, Deadline, "east back on web:1, all ready");
        await watch.StopAsync();

        Assert.Equal(4, exit);
        Assert.DoesNotContain(watch.Samples, s => s.Images["west"] == "web:2" || s.Images["central"] == "web:2" || s.Images["north"] == "web:2");
        Assert.Contains(watch.Samples, s => s.Images["east"] == "web:2");
        var progressing = (await fleet.GetApplicationAsync(Ns, "web"))!.Conditions.Single(c => c.Type == "Progressing");
        Assert.False(progressing.Status);
        Assert.Equal("RolledBack", progressing.Reason);
        Assert.Contains("east", progressing.Message, StringComparison.Ordinal);
        Assert.Contains("crash", progressing.Message, StringComparison.Ordinal);
        Assert.True(watch.MinimumReady >= 8, $"ready replicas fell to {watch.MinimumReady}, below the floor of 8");
        var metrics = await fleet.Api.GetStringAsync("/metrics");
        Assert.Contains("federation_application_rollout{application=\"rollouts/web\",phase=\"RolledBack\"} 1", metrics, StringComparison.Ordinal);

        // The rolled-back version is not retried while the spec stays the same.
        (await fleet.PutApplicationAsync(Ns, "web", App("web:2"))).EnsureSuccessStatusCode();
        Assert.Equal("RolledBack", (await fleet.GetApplicationAsync(Ns, "web"))!.Rollout!.Phase);
    }

    [Fact]
    public async Task One_failure_within_max_failures_continues_and_a_second_rolls_back_in_reverse_wave_order()
    {
        await using var fleet = await StartOnWeb1Async();
        fleet["west"].SetImage("web:2", ready: false, crash: true);
        fleet["north"].SetImage("web:2", ready: false, crash: true);
        await using var watch = ImageWatch.Start(fleet);

        (await fleet.PutApplicationAsync(Ns, "web", App("web:2", maxFailures: 1))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(async () => (await fleet.GetApplicationAsync(Ns, "web"))!.Rollout!.Phase == "RolledBack", Deadline, "rolled back");
        await watch.StopAsync();

        Assert.All(Names, n => Assert.Equal("web:1", fleet[n].DeploymentImage(Ns, "web")));
        var first = watch.FirstOn("web:2");
        Assert.True(first.ContainsKey("north"), "wave 3 started after one failure within the budget");

        // The order of the decisions, as the events record them: on a loaded machine a member may look
        // lost for a moment, and a lost member's write waits without holding the next wave back.
        var events = await fleet.Api.GetFromJsonAsync<List<Grains.EventView>>("/api/v1/events?application=rollouts/web", Fleet.Json);
        var waves = events!.Where(e => e.Kind == "WaveRollingBack").OrderBy(e => e.Time).Select(e => e.Message[..e.Message.IndexOf(" return", StringComparison.Ordinal)]);
        Assert.Equal(["wave 3/3: north", "wave 2/3: central, west", "wave 1/3: east"], waves);
    }

    [Fact]
    public async Task Pause_promote_resume_and_abort_steer_a_rollout_that_survives_a_host_restart()
    {
        await using var fleet = await StartOnWeb1Async();
        (await fleet.PutApplicationAsync(Ns, "web", App("web:2", soak: "1h"))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(async () => Member(await fleet.GetApplicationAsync(Ns, "web"), "east") == "Soaking", Deadline, "the canary soaks");

        await fleet.StopHostAsync();
        await fleet.StartHostAsync();
        var after = (await fleet.GetApplicationAsync(Ns, "web"))!;
        Assert.Equal("Progressing", after.Rollout!.Phase);
        Assert.Equal("Soaking", Member(after, "east"));
        Assert.Equal("web:1", fleet["west"].DeploymentImage(Ns, "web"));

        Assert.Equal(0, await Cli.RunAsync("apps", "rollout", "pause", "rollouts/web", "--server", fleet.Url));
        Assert.Equal(HttpStatusCode.OK, (await fleet.Api.PostAsync("/api/v1/namespaces/rollouts/applications/web/rollout/promote", null)).StatusCode);
        await Eventually.WaitAsync(async () => Member(await fleet.GetApplicationAsync(Ns, "web"), "east") == "Succeeded", Deadline, "the canary promoted");
        Assert.Equal("Pending", Member(await fleet.GetApplicationAsync(Ns, "web"), "west"));
        Assert.Equal("web:1", fleet["west"].DeploymentImage(Ns, "web"));

        Assert.Equal(0, await Cli.RunAsync("apps", "rollout", "resume", "rollouts/web", "--server", fleet.Url));
        await Eventually.WaitAsync(() => fleet["west"].DeploymentImage(Ns, "web") == "web:2" && fleet["central"].DeploymentImage(Ns, "web") == "web:2", Deadline, "wave 2 starts");

        Assert.Equal(0, await Cli.RunAsync("apps", "rollout", "abort", "rollouts/web", "--server", fleet.Url));
        await Eventually.WaitAsync(() => Names.All(n => fleet[n].DeploymentImage(Ns, "web") == "web:1"), Deadline, "every member back on web:1");
        var aborted = (await fleet.GetApplicationAsync(Ns, "web"))!;
        await Eventually.WaitAsync(async () => (await fleet.GetApplicationAsync(Ns, "web"))!.Rollout!.Phase == "RolledBack", Deadline, "rolled back");
        Assert.Equal("aborted", (await fleet.GetApplicationAsync(Ns, "web"))!.Rollout!.Reason);
        Assert.NotNull(aborted);
        Assert.Equal(HttpStatusCode.Conflict, (await fleet.Api.PostAsync("/api/v1/namespaces/rollouts/applications/web/rollout/pause", null)).StatusCode);
    }

    [Fact]
    public async Task A_version_that_never_becomes_ready_halts_after_unhealthy_after_and_the_rest_keep_the_previous_one()
    {
        await using var fleet = await StartOnWeb1Async();
        fleet["east"].SetImage("web:2", ready: false);

        (await fleet.PutApplicationAsync(Ns, "web", App("web:2", onFailure: "Halt"))).EnsureSuccessStatusCode();
        var exit = await Cli.RunAsync("apps", "rollout", "status", "rollouts/web", "--wait", "--timeout", "60s", "--server", fleet.Url);

        Assert.Equal(4, exit);
        var view = (await fleet.GetApplicationAsync(Ns, "web"))!;
        Assert.Equal("Halted", view.Rollout!.Phase);
        Assert.Contains("unready", view.Rollout.Members.Single(m => m.Cluster == "east").Reason, StringComparison.Ordinal);
        Assert.Equal("web:2", fleet["east"].DeploymentImage(Ns, "web"));
        Assert.All(["west", "central", "north"], n => Assert.Equal("web:1", fleet[n].DeploymentImage(Ns, "web")));
        Assert.Equal("Halted", view.Conditions.Single(c => c.Type == "Progressing").Reason);
    }

    [Fact]
    public async Task A_member_lost_mid_rollout_is_not_a_version_failure_and_the_rollout_finishes_when_it_returns()
    {
        await using var fleet = await StartOnWeb1Async();
        fleet["west"].SetOutage(Federation.Members.Simulation.OutageMode.Refuse, TimeSpan.FromSeconds(10));

        (await fleet.PutApplicationAsync(Ns, "web", App("web:2", progressDeadline: "5s"))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(async () => (await fleet.GetApplicationAsync(Ns, "web"))!.Rollout!.Phase != "Progressing", Deadline, "the rollout ends");

        var view = (await fleet.GetApplicationAsync(Ns, "web"))!;
        Assert.True(view.Rollout!.Phase == "Succeeded", $"{view.Rollout.Phase}: {view.Rollout.Reason}");
        Assert.All(view.Rollout.Members, m => Assert.Null(m.Reason));
        Assert.All(Names, n => Assert.Equal("web:2", fleet[n].DeploymentImage(Ns, "web")));
    }

    [Fact]
    public async Task A_rollout_with_a_start_time_changes_nothing_before_it()
    {
        await using var fleet = await StartOnWeb1Async();
        var body = System.Text.Json.JsonSerializer.SerializeToNode(App("web:2"), Fleet.Json)!.AsObject();
        body["rollout"]!["startAt"] = DateTimeOffset.UtcNow.AddSeconds(5).ToString("O");

        (await fleet.Api.PutAsJsonAsync("/api/v1/namespaces/rollouts/applications/web", body)).EnsureSuccessStatusCode();
        var waiting = (await fleet.GetApplicationAsync(Ns, "web"))!;

        Assert.Equal("Progressing", waiting.Rollout!.Phase);
        Assert.All(waiting.Rollout.Members, m => Assert.Equal("Pending", m.Phase));
        Assert.All(Names, n => Assert.Equal("web:1", fleet[n].DeploymentImage(Ns, "web")));
        await Eventually.WaitAsync(async () => (await fleet.GetApplicationAsync(Ns, "web"))!.Rollout!.Phase == "Succeeded", Deadline, "the rollout runs once its time comes");
    }

    [Fact]
    public async Task A_bad_rollout_is_refused_naming_the_field_and_nothing_is_stored()
    {
        await using var fleet = await Fleet.StartAsync(["east"]);
        var body = new
        {
            replicas = 1,
            template = Fleet.Template("web"),
            rollout = new
            {
                strategy = "Sideways",
                maxFailures = "150%",
                waves = new[] { new { clusterNames = Array.Empty<string>() } },
                maxConcurrency = 2,
                soak = "soon",
                window = new { cron = "every sunday", timeZone = "Mars/Olympus", @for = "" },
            },
        };

        var response = await fleet.PutApplicationAsync(Ns, "web", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        foreach (var field in new[] { "rollout.strategy", "rollout.maxFailures", "rollout.waves[0]", "rollout.maxConcurrency", "rollout.soak", "rollout.window.cron", "rollout.window.timeZone", "rollout.window.for" })
        {
            Assert.Contains(field, text, StringComparison.Ordinal);
        }

        Assert.Null(await fleet.GetApplicationAsync(Ns, "web"));
    }

    private static string? Member(ApplicationView? view, string member) =>
        view?.Rollout?.Members.FirstOrDefault(m => m.Cluster == member)?.Phase;
}
