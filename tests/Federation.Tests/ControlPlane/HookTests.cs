using Federation.Grains;

namespace Federation.Tests.ControlPlane;

public sealed class HookTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_drain_calls_AfterReady_after_each_target_is_ready_and_BeforeScaleDown_before_each_source_lowering()
    {
        await using var hooks = await HookServer.StartAsync();
        await using var fleet = await StartAsync(hooks, retries: 0, timeout: "5s");

        await DrainEastAsync(fleet);
        await Eventually.WaitAsync(() => fleet["east"].SpecReplicas("default", "web") == 0 && fleet.ReadyTotal("default", "web") == 4, Deadline, "east empty, 4 ready");

        var log = hooks.Log.Where(l => l.Payload.GetProperty("application").GetString() == "default/web").ToList();
        Assert.Equal(
            ["AfterReady west 2->3", "BeforeScaleDown east 2->1", "AfterReady west 3->4", "BeforeScaleDown east 1->0"],
            log.Select(l => l.Step));
        Assert.All(log, l => Assert.True(l.SignatureValid, $"{l.Step}: signature does not verify"));
        Assert.All(log, l => Assert.Equal(1, l.Attempt));
        Assert.All(log, l => Assert.Equal("drain", l.Payload.GetProperty("reason").GetString()));
        Assert.Single(log.Select(l => l.Payload.GetProperty("migrationId").GetString()).Distinct());

        // The secret signs every call, yet the data directory holds it only protected.
        Assert.DoesNotContain(Directory.EnumerateFiles(fleet.DataDir, "*", SearchOption.AllDirectories), f => File.ReadAllText(f).Contains(HookServer.Secret, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_hook_answering_500_holds_the_source_at_its_replicas_until_it_answers_200()
    {
        await using var hooks = await HookServer.StartAsync();
        var refuse = true;
        hooks.Answer = (_, payload) => (refuse && payload.GetProperty("hook").GetString() == "BeforeScaleDown" ? 500 : 200, TimeSpan.Zero);
        await using var fleet = await StartAsync(hooks, retries: 0, timeout: "5s");

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
        await DrainEastAsync(fleet);

        // Refused twice (the second after the backoff): the migration says so, east keeps both replicas.
        await Eventually.WaitAsync(() => hooks.Log.Count(l => l.Hook == "BeforeScaleDown") >= 2, Deadline, "BeforeScaleDown tried twice");
        var held = await fleet.GetApplicationAsync("default", "web");
        Assert.Contains("answered 500", held!.Migration!.WaitingForHook, StringComparison.Ordinal);
        Assert.Contains(held.Conditions, c => c.Type == "Progressing" && c.Reason == "WaitingForHook");
        Assert.Equal(2, fleet["east"].SpecReplicas("default", "web"));
        Assert.Equal([1, 2], hooks.Log.Where(l => l.Hook == "BeforeScaleDown").Take(2).Select(l => l.Attempt));

        refuse = false;
        await Eventually.WaitAsync(() => fleet["east"].SpecReplicas("default", "web") == 0 && fleet.ReadyTotal("default", "web") == 4, Deadline, "the drain to finish");
        await sampling.CancelAsync();
        await sampler;
        Assert.True(minimum >= 4, $"ready replicas fell to {minimum}, below the floor of 4");
    }

    [Fact]
    public async Task A_slow_hook_times_out_and_is_retried()
    {
        await using var hooks = await HookServer.StartAsync();
        hooks.Answer = (n, _) => (200, n == 0 ? TimeSpan.FromSeconds(3) : TimeSpan.Zero);
        await using var fleet = await StartAsync(hooks, retries: 2, timeout: "500ms");

        await DrainEastAsync(fleet);
        await Eventually.WaitAsync(() => fleet["east"].SpecReplicas("default", "web") == 0, Deadline, "the drain to finish");

        var log = hooks.Log;
        Assert.Equal(log[0].Step, log[1].Step);
        Assert.Equal(1, log[1].Attempt);
        Assert.Equal(4, log.Select(l => l.Step).Distinct().Count());
    }

    [Fact]
    public async Task A_host_restart_mid_drain_calls_no_succeeded_hook_twice()
    {
        await using var hooks = await HookServer.StartAsync();
        await using var fleet = await StartAsync(hooks, retries: 0, timeout: "5s", podStartup: TimeSpan.FromMilliseconds(700));

        await DrainEastAsync(fleet);
        await Eventually.WaitAsync(() => hooks.Log.Any(l => l.Hook == "BeforeScaleDown"), Deadline, "the first BeforeScaleDown answered");
        await fleet.StopHostAsync();
        await fleet.StartHostAsync();
        await Eventually.WaitAsync(() => fleet["east"].SpecReplicas("default", "web") == 0 && fleet.ReadyTotal("default", "web") == 4, Deadline, "the drain to finish after the restart");

        var steps = hooks.Log.Select(l => l.Step).ToList();
        Assert.Equal(steps.Distinct(), steps);
        Assert.Equal(4, steps.Count);
    }

    [Fact]
    public async Task Fleet_member_hooks_are_told_before_a_drain_and_after_a_retirement()
    {
        await using var hooks = await HookServer.StartAsync();
        await using var fleet = await WithMemberHooksAsync(hooks);

        await DrainEastAsync(fleet);
        (await fleet.Api.PostAsync("/api/v1/clusters/east/retire", null)).EnsureSuccessStatusCode();

        await Eventually.WaitAsync(() => hooks.Log.Count >= 2, Deadline, "two member hooks called");
        Assert.Equal(["BeforeDrain east 0->0", "AfterRetire east 0->0"], hooks.Log.Select(l => l.Step));
        Assert.All(hooks.Log, l => Assert.True(l.SignatureValid));
    }

    [Fact]
    public async Task A_member_retired_straight_from_ready_is_told_BeforeDrain_first_and_AfterRetire_once_it_holds_nothing()
    {
        await using var hooks = await HookServer.StartAsync();
        await using var fleet = await WithMemberHooksAsync(hooks);
        (await fleet.PutApplicationAsync("default", "web", new { replicas = 4, template = Fleet.Template("web"), placement = new { strategy = "Weighted" } })).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "web") == 4 && fleet["east"].SpecReplicas("default", "web") > 0, Deadline, "4 ready, some on east");

        var eastWhenCalled = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        hooks.Answer = (_, payload) =>
        {
            eastWhenCalled[payload.GetProperty("hook").GetString()!] = fleet["east"].SpecReplicas("default", "web");
            return (200, TimeSpan.Zero);
        };
        (await fleet.Api.PostAsync("/api/v1/clusters/east/retire", null)).EnsureSuccessStatusCode();

        await Eventually.WaitAsync(() => hooks.Log.Count >= 2, Deadline, "two member hooks called");
        Assert.Equal(["BeforeDrain", "AfterRetire"], hooks.Log.Select(l => l.Step.Split(' ')[0]));
        Assert.True(eastWhenCalled["BeforeDrain"] > 0, "BeforeDrain comes while east still runs its replicas");
        Assert.Equal(0, eastWhenCalled["AfterRetire"]);
        Assert.Equal(4, fleet.ReadyTotal("default", "web"));
    }

    [Fact]
    public async Task Hooks_test_calls_each_hook_with_a_signed_sample_and_prints_the_answers()
    {
        await using var hooks = await HookServer.StartAsync();
        hooks.Answer = (_, payload) => (payload.GetProperty("hook").GetString() == "BeforeScaleDown" ? 503 : 200, TimeSpan.Zero);
        await using var fleet = await StartAsync(hooks, retries: 0, timeout: "5s");
        var before = hooks.Log.Count;
        var cli = new Federation.Tests.Cli.CliHarness(new() { ["FEDERATION_SERVER"] = fleet.Url });

        var exit = await cli.RunAsync("hooks", "test", "default/web");

        Assert.Equal(4, exit);
        var output = cli.Out.ToString();
        Assert.Matches(@"(?m)^AfterReady\s+http://\S+/hook\s+ok\s+1\s+200 ok\r?$", output);
        Assert.Matches(@"(?m)^BeforeScaleDown\s+http://\S+/hook\s+FAILED\s+1\s+503 not now\r?$", output);
        var samples = hooks.Log.Skip(before).ToList();
        Assert.Equal(["BeforeScaleDown sample 2->1", "AfterReady sample 1->2"], samples.Select(l => l.Step));
        Assert.All(samples, l => Assert.True(l.SignatureValid));
        Assert.DoesNotContain(HookServer.Secret, output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("on", "BeforeDrain", "hooks[0].on")]
    [InlineData("url", "ftp://runbook", "hooks[0].url")]
    [InlineData("timeout", "soon", "hooks[0].timeout")]
    [InlineData("failurePolicy", "Retry", "hooks[0].failurePolicy")]
    public async Task A_bad_hook_is_refused_naming_its_field_and_nothing_is_stored(string field, string value, string named)
    {
        await using var fleet = await Fleet.StartAsync(names: ["east"]);
        await fleet.JoinAllAsync();
        var hook = new Dictionary<string, object> { ["on"] = "AfterReady", ["url"] = "http://127.0.0.1:9/hook", [field] = value };

        var response = await fleet.PutApplicationAsync("default", "web", new { replicas = 1, template = Fleet.Template("web"), hooks = new[] { hook } });

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{named}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null(await fleet.GetApplicationAsync("default", "web"));
    }

    private static async Task<Fleet> StartAsync(HookServer hooks, int retries, string timeout, TimeSpan? podStartup = null)
    {
        var fleet = await Fleet.StartAsync(names: ["east", "west"], podStartup: podStartup);
        await fleet.JoinAllAsync();
        var hook = (string on) => new { on, url = hooks.Url.ToString(), secret = HookServer.Secret, timeout, retries, failurePolicy = "Fail" };
        (await fleet.PutApplicationAsync("default", "web", new
        {
            replicas = 4,
            template = Fleet.Template("web"),
            placement = new { strategy = "Weighted" },
            migration = new { stepSize = 1 },
            hooks = new[] { hook("BeforeScaleDown"), hook("AfterReady") },
        })).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "web") == 4 && fleet["east"].SpecReplicas("default", "web") == 2, Deadline, "4 ready, 2 on east");
        return fleet;
    }

    /// <summary>East and west joined, with fleet-wide BeforeDrain and AfterRetire hooks on <paramref name="hooks"/>.</summary>
    private static async Task<Fleet> WithMemberHooksAsync(HookServer hooks)
    {
        var fleet = await Fleet.StartAsync(names: ["east", "west"], configure: o => o.Hooks =
        [
            new HookSpec(Federation.Hooks.HookKind.BeforeDrain, hooks.Url.ToString(), HookServer.Secret, TimeSpan.FromSeconds(5), 0, Federation.Hooks.HookFailurePolicy.Ignore),
            new HookSpec(Federation.Hooks.HookKind.AfterRetire, hooks.Url.ToString(), HookServer.Secret, TimeSpan.FromSeconds(5), 0, Federation.Hooks.HookFailurePolicy.Ignore),
        ]);
        await fleet.JoinAllAsync();
        return fleet;
    }

    private static async Task DrainEastAsync(Fleet fleet) =>
        (await fleet.Api.PostAsync("/api/v1/clusters/east/drain", null)).EnsureSuccessStatusCode();
}
