using Federation.Tests.ControlPlane;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Federation.Tests.Dashboard;

/// <summary>An application's progressive rollout on the page: its waves and members live, and its buttons.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardRolloutTests(BrowserFixture browser)
{
    private static object App(string image) => new
    {
        replicas = 6,
        template = Fleet.Template("web", image),
        placement = new { strategy = "Weighted" },
        rollout = new
        {
            strategy = "Progressive",
            canary = new { clusterNames = new[] { "east" } },
            waves = new[] { new { clusterNames = new[] { "west" } } },
            soak = "1h",
        },
    };

    [Fact]
    public async Task The_rollout_shows_its_waves_live_and_pause_and_abort_on_the_page_steer_it()
    {
        await using var fleet = await DashboardFleet.StartAsync();
        await fleet.Fleet.JoinAllAsync();
        (await fleet.Fleet.PutApplicationAsync("default", "web", App("web:1"))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.Fleet.ReadyTotal("default", "web") == 6, TimeSpan.FromSeconds(45), "web:1 ready");
        var page = await browser.OpenAsync(fleet.Url);
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);

        (await fleet.Fleet.PutApplicationAsync("default", "web", App("web:2"))).EnsureSuccessStatusCode();
        await page.GetByRole(AriaRole.Button, new() { Name = "Show deployment status of default/web" }).ClickAsync();

        await Expect(page.GetByTestId("rollout-wave-1")).ToHaveTextAsync("Wave 1: east Soaking");
        await Expect(page.GetByTestId("rollout-wave-2")).ToHaveTextAsync("Wave 2: west Pending");
        await Expect(page.GetByTestId("rollout-wave-3")).ToHaveTextAsync("Wave 3: central Pending");
        await Expect(page.GetByTestId("rollout-resume")).ToBeDisabledAsync();

        await page.GetByTestId("rollout-pause").ClickAsync();
        await Expect(page.GetByTestId("detail-rollout")).ToContainTextAsync("Progressing (paused)");
        await Expect(page.GetByTestId("rollout-resume")).ToBeEnabledAsync();

        await page.GetByTestId("rollout-abort").ClickAsync();
        await Expect(page.GetByTestId("detail-rollout")).ToContainTextAsync("RolledBack — aborted");
        Assert.Equal("web:1", fleet.Fleet["east"].DeploymentImage("default", "web"));
        await Expect(page.GetByTestId("rollout-abort")).ToBeDisabledAsync();
        Assert.Empty(errors);
    }
}
