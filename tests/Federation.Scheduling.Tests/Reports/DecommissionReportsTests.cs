using Federation.Reports;

namespace Federation.Scheduling.Tests.Reports;

public sealed class DecommissionReportsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static readonly ReportHook Hook = new(T0.AddSeconds(1), "BeforeScaleDown", "east", 2, 1, 1, "Succeeded", 200, "200 ok");

    [Fact]
    public void A_drain_lists_every_moved_application_with_its_replicas_duration_and_lowest_ready_count()
    {
        var report = DecommissionReports.Begin("east", "drain", T0);
        report = DecommissionReports.Observe(report, Update("default/web", 0, onMember: 2, ready: 4));
        report = DecommissionReports.Observe(report, Update("default/api", 0, onMember: 1, ready: 3, replicas: 3));
        report = DecommissionReports.Observe(report, Update("default/web", 1, onMember: 1, ready: 4, hooks: [Hook]));
        report = DecommissionReports.Observe(report, Update("default/web", 2, onMember: 1, ready: 3, note: "BeforeScaleDown of east answered 500"));
        report = DecommissionReports.Observe(report, Update("default/web", 3, onMember: 0, ready: 4, hooks: [Hook]));
        report = DecommissionReports.Observe(report, Update("default/api", 4, onMember: 0, ready: 3, replicas: 3));
        report = DecommissionReports.Finish(report, T0.AddSeconds(5), ReportOutcome.Completed);

        var view = ReportViews.Present(report);

        Assert.Equal(["default/api", "default/web"], view.Applications.Select(a => a.Application));
        var web = view.Applications.Single(a => a.Application == "default/web");
        Assert.Equal((2, 0, 2, 3.0), (web.ReplicasBefore, web.ReplicasLeft, web.ReplicasMoved, web.DurationSeconds!.Value));
        Assert.Equal((3, 4), (web.LowestReady, web.Floor));
        Assert.Equal(T0.AddSeconds(2), web.LowestAt);
        Assert.Single(web.Hooks);
        Assert.Equal(["BeforeScaleDown of east answered 500"], web.Notes.Select(n => n.Text));
        Assert.Equal(["2 → 1", "1 → 0"], web.Steps.Select(s => $"{s.Before} → {s.After}"));
        Assert.Equal(new ReportSummary(2, 3, 6, 7, FloorHeld: false, 1, 0, 5.0), view.Summary);
        Assert.Equal(["start", "hook", "step", "step", "step", "end"], view.Markers.Select(m => m.Kind));
    }

    [Theory]
    [InlineData("a late update of an application already off the member changes nothing", 0, true)]
    [InlineData("replicas back on the member reopen its move", 1, false)]
    public void After_an_application_left_the_member(string _, int onMember, bool unchanged)
    {
        var report = DecommissionReports.Begin("east", "drain", T0);
        report = DecommissionReports.Observe(report, Update("default/web", 0, onMember: 1, ready: 4));
        report = DecommissionReports.Observe(report, Update("default/web", 1, onMember: 0, ready: 4));

        var after = DecommissionReports.Observe(report, Update("default/web", 2, onMember: onMember, ready: 3));

        Assert.Equal(unchanged, ReferenceEquals(report, after));
        Assert.Equal(unchanged, after.Applications[0].EndedAt is not null);
    }

    [Fact]
    public void A_finished_report_is_not_finished_again()
    {
        var done = DecommissionReports.Finish(DecommissionReports.Begin("east", "drain", T0), T0.AddSeconds(1), ReportOutcome.Completed);

        var again = DecommissionReports.Finish(done, T0.AddSeconds(9), ReportOutcome.Stopped, "uncordoned");

        Assert.Equal((ReportOutcome.Completed, T0.AddSeconds(1)), (again.Outcome, again.EndedAt!.Value));
        Assert.Empty(again.Notes);
    }

    [Fact]
    public void Hook_calls_sent_again_with_every_update_are_listed_once()
    {
        var report = DecommissionReports.Begin("east", "drain", T0);
        for (var i = 0; i < 5; i++)
        {
            report = DecommissionReports.Observe(report, Update("default/web", i, onMember: 2, ready: 4 + (i % 2), hooks: [Hook]));
        }

        Assert.Single(report.Applications[0].Hooks);
    }

    private static MoveUpdate Update(string app, int second, int onMember, int ready, int replicas = 4, IReadOnlyList<ReportHook>? hooks = null, string? note = null) =>
        new(app, T0.AddSeconds(second), "drain", onMember, replicas, replicas, ready, ["west"], hooks ?? [], note);
}
