using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using Federation.Grains;
using Federation.Hooks;
using Federation.Reports;

namespace Federation.Tests.ControlPlane;

public sealed class DecommissionReportTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(90);

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    [Fact]
    public async Task The_report_after_a_drain_lists_every_moved_application_its_lowest_ready_count_and_the_hooks_answers()
    {
        await using var hooks = await HookServer.StartAsync();
        await using var fleet = await Fleet.StartAsync(names: ["east", "west", "central"], configure: o => o.Hooks =
        [
            Member(HookKind.BeforeDrain, hooks),
            Member(HookKind.AfterDrain, hooks),
        ]);
        await fleet.JoinAllAsync();
        var apps = new Dictionary<string, int> { ["web"] = 4, ["api"] = 3, ["worker"] = 2 };
        foreach (var (name, replicas) in apps)
        {
            (await fleet.PutApplicationAsync("default", name, new
            {
                replicas,
                template = Fleet.Template(name),
                placement = new { strategy = "Weighted" },
                migration = new { stepSize = 1 },
                hooks = new[] { AppHook("BeforeScaleDown", hooks), AppHook("AfterReady", hooks) },
            })).EnsureSuccessStatusCode();
        }

        await Eventually.WaitAsync(() => apps.All(a => fleet.ReadyTotal("default", a.Key) == a.Value && fleet["east"].SpecReplicas("default", a.Key) > 0), Deadline, "every application ready, each with replicas on east");
        var onEast = apps.Keys.ToDictionary(a => $"default/{a}", a => fleet["east"].SpecReplicas("default", a));

        (await fleet.Api.PostAsync("/api/v1/clusters/east/drain", null)).EnsureSuccessStatusCode();
        ReportView? report = null;
        await Eventually.WaitAsync(async () => (report = await LatestAsync(fleet, "east")) is { Outcome: ReportOutcome.Completed } && report.MemberHooks.Any(h => h.Hook == "AfterDrain"), Deadline, "the drain's report to end with AfterDrain called");

        // Every application that was on east, with the replicas it moved, within its floor, with its hooks' answers.
        Assert.Equal(onEast.Keys.Order(), report!.Applications.Select(a => a.Application));
        Assert.All(report.Applications, a =>
        {
            Assert.Equal(onEast[a.Application], a.ReplicasMoved);
            Assert.Equal(0, a.ReplicasLeft);
            Assert.NotNull(a.EndedAt);
            Assert.True(a.LowestReady >= a.Floor, $"{a.Application}: lowest ready {a.LowestReady} below its floor {a.Floor}");
            Assert.Equal(a.Replicas, a.Floor);
            Assert.NotEmpty(a.Targets);
            Assert.All(a.Targets, t => Assert.Contains(t, new[] { "west", "central" }));
            Assert.Equal(onEast[a.Application], a.Hooks.Count(h => h.Hook == "BeforeScaleDown"));
            Assert.All(a.Hooks, h => Assert.Equal(("Succeeded", "200 ok"), (h.Outcome, h.Answer)));
            Assert.Contains(a.Hooks, h => h.Hook == "AfterReady");
        });
        Assert.Equal(onEast.Values.Sum(), report.Summary.ReplicasMoved);
        Assert.True(report.Summary.FloorHeld);
        Assert.Equal(["BeforeDrain", "AfterDrain"], report.MemberHooks.Select(h => h.Hook));
        Assert.All(report.MemberHooks, h => Assert.Equal("200 ok", h.Answer));
        Assert.Single(hooks.Log, l => l.Hook == "AfterDrain");
        Assert.True(report.EndedAt >= report.Applications.Max(a => a.EndedAt));

        // The chart: one panel for the total and one per application, hooks and steps marked.
        var svg = XDocument.Parse(await fleet.Api.GetStringAsync("/api/v1/clusters/east/reports/latest?format=svg"));
        var series = svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "series").Select(g => (string?)g.Attribute("data-series")).ToList();
        Assert.Equal(["total", .. onEast.Keys.Order()], series);
        var marks = svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "marker").Select(g => (string?)g.Attribute("data-kind")).ToList();
        Assert.Contains("hook", marks);
        Assert.Contains("step", marks);

        using var accept = new HttpRequestMessage(HttpMethod.Get, "/api/v1/clusters/east/reports/latest");
        accept.Headers.Accept.ParseAdd("image/svg+xml");
        using var byAccept = await fleet.Api.SendAsync(accept);
        Assert.Equal("image/svg+xml", byAccept.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_host_restart_mid_drain_keeps_the_report_and_calls_no_succeeded_hook_twice()
    {
        await using var hooks = await HookServer.StartAsync();
        await using var fleet = await Fleet.StartAsync(names: ["east", "west"], podStartup: TimeSpan.FromMilliseconds(700), configure: o => o.Hooks =
        [
            Member(HookKind.BeforeDrain, hooks),
            Member(HookKind.AfterDrain, hooks),
        ]);
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("default", "web", new
        {
            replicas = 4,
            template = Fleet.Template("web"),
            placement = new { strategy = "Weighted" },
            migration = new { stepSize = 1 },
            hooks = new[] { AppHook("BeforeScaleDown", hooks), AppHook("AfterReady", hooks) },
        })).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "web") == 4 && fleet["east"].SpecReplicas("default", "web") == 2, Deadline, "4 ready, 2 on east");

        (await fleet.Api.PostAsync("/api/v1/clusters/east/drain", null)).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => hooks.Log.Any(l => l.Hook == "BeforeScaleDown"), Deadline, "the first BeforeScaleDown answered");
        await fleet.StopHostAsync();
        await fleet.StartHostAsync();
        ReportView? report = null;
        await Eventually.WaitAsync(async () => (report = await LatestAsync(fleet, "east")) is { Outcome: ReportOutcome.Completed } && report.MemberHooks.Count == 2, Deadline, "the report to end after the restart with AfterDrain called");

        var steps = hooks.Log.Select(l => l.Step).ToList();
        Assert.Equal(steps.Distinct(), steps);
        Assert.Equal(["BeforeDrain east 0->0", "AfterReady west 2->3", "BeforeScaleDown east 2->1", "AfterReady west 3->4", "BeforeScaleDown east 1->0", "AfterDrain east 0->0"], steps);
        var web = Assert.Single(report!.Applications);
        Assert.Equal((2, 0), (web.ReplicasMoved, web.ReplicasLeft));
        Assert.Equal(4, web.Hooks.Count);
        Assert.True(web.LowestReady >= web.Floor, $"lowest ready {web.LowestReady} below the floor {web.Floor}");
    }

    [Theory]
    [InlineData("/api/v1/clusters/west/reports/latest", HttpStatusCode.NotFound, "'west'")]
    [InlineData("/api/v1/clusters/nowhere/reports/latest", HttpStatusCode.NotFound, "'nowhere'")]
    [InlineData("/api/v1/clusters/west/reports/latest?format=png", HttpStatusCode.BadRequest, "\"format\"")]
    public async Task No_report_is_a_404_naming_the_member_and_a_bad_format_a_400_naming_the_field(string path, HttpStatusCode status, string named)
    {
        await using var fleet = await Fleet.StartAsync(names: ["west"]);
        await fleet.JoinAllAsync();

        using var response = await fleet.Api.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(named, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    internal static async Task<ReportView?> LatestAsync(Fleet fleet, string member)
    {
        using var response = await fleet.Api.GetAsync($"/api/v1/clusters/{member}/reports/latest");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<ReportView>(Fleet.Json) : null;
    }

    private static HookSpec Member(HookKind kind, HookServer hooks) =>
        new(kind, hooks.Url.ToString(), HookServer.Secret, TimeSpan.FromSeconds(5), 0, HookFailurePolicy.Ignore);

    private static object AppHook(string on, HookServer hooks) =>
        new { on, url = hooks.Url.ToString(), secret = HookServer.Secret, timeout = "5s", retries = 0, failurePolicy = "Fail" };
}
