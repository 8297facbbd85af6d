using System.Text.RegularExpressions;
using Federation.Grains;
using Federation.Hooks;
using Federation.Tests.ControlPlane;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Federation.Tests.Dashboard;

/// <summary>The decommission report card: the chart live while a member drains, and the latest report once it ended.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardReportTests(BrowserFixture browser)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task The_chart_follows_a_drain_live_and_shows_the_ended_report()
    {
        // A BeforeScaleDown that refuses holds the drain in progress for as long as the test needs.
        await using var hooks = await HookServer.StartAsync();
        var refuse = true;
        hooks.Answer = (_, payload) => (refuse && payload.GetProperty("hook").GetString() == "BeforeScaleDown" ? 500 : 200, TimeSpan.Zero);
        await using var fleet = await DashboardFleet.StartAsync(o => o.Hooks =
        [
            new HookSpec(HookKind.BeforeScaleDown, hooks.Url.ToString(), HookServer.Secret, TimeSpan.FromSeconds(5), 0, HookFailurePolicy.Fail),
        ]);
        await fleet.Fleet.JoinAllAsync();
        await fleet.PutSampleApplicationAsync();
        await fleet.PutSampleApplicationAsync(name: "api", replicas: 3);
        await Eventually.WaitAsync(() => fleet.Fleet.ReadyTotal("default", "web") == 6 && fleet.Fleet.ReadyTotal("default", "api") == 3 && fleet.Fleet["east"].SpecReplicas("default", "web") > 0 && fleet.Fleet["east"].SpecReplicas("default", "api") > 0, Deadline, "both applications ready, each with replicas on east");
        var page = await browser.OpenAsync(fleet.Url);
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add(m.Text);
            }
        };
        await Expect(page.GetByTestId("app-ready-default/web")).ToHaveTextAsync("6 / 6");

        (await fleet.Fleet.Api.PostAsync("/api/v1/clusters/east/drain", null)).EnsureSuccessStatusCode();

        // Live: the card follows east, its chart a panel for the total and one per application.
        await Expect(page.GetByTestId("report-member")).ToHaveValueAsync("east");
        await Expect(page.GetByTestId("report-summary")).ToContainTextAsync("Drain of east in progress");
        var panels = page.GetByTestId("report-chart").Locator("svg g.series");
        await Expect(panels).ToHaveCountAsync(3);
        Assert.Equal(["total", "default/api", "default/web"], await panels.EvaluateAllAsync<string[]>("gs => gs.map(g => g.dataset.series)"));

        refuse = false;
        await Expect(page.GetByTestId("report-summary")).ToContainTextAsync(new Regex(@"Drain of east completed in [\d.]+ s: 2 application\(s\), \d+ replica\(s\) moved"), new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("report-summary")).ToContainTextAsync("every application stayed at or above its floor");
        await Expect(page.GetByTestId("report-chart").Locator("svg g.marker[data-kind='hook']").First).ToBeAttachedAsync();
        await Expect(page.GetByTestId("report-chart").Locator("svg g.marker[data-kind='end']")).ToHaveCountAsync(1);
        await Screenshots.SaveAsync(page, "desktop-drain-report");
        Assert.Empty(errors);
    }
}
