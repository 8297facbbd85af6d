using System.Text.RegularExpressions;
using Federation.Members.Simulation;
using Federation.Tests.ControlPlane;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Federation.Tests.Dashboard;

/// <summary>The page in a real browser against a running host with three simulated members.</summary>
[Collection(DashboardCollection.Name)]
public sealed class DashboardPageTests(BrowserFixture browser)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);
    private static readonly string[] Members = ["east", "west", "central"];

    [Fact]
    public async Task Members_and_the_application_appear_live_and_the_application_opens_its_deployment_status()
    {
        await using var fleet = await DashboardFleet.StartAsync();
        var page = await browser.OpenAsync(fleet.Url);
        var errors = CollectErrors(page);

        // The page is open before anything joins: what follows arrives over the stream.
        await Expect(page.GetByTestId("members-empty")).ToBeVisibleAsync();
        await fleet.Fleet.JoinAllAsync();
        await fleet.PutSampleApplicationAsync();

        await Expect(page.GetByTestId("members-body").Locator("tr")).ToHaveCountAsync(3);
        foreach (var name in Members)
        {
            await Expect(page.GetByTestId($"member-state-badge-{name}")).ToHaveTextAsync("Ready");
            await Expect(page.GetByRole(AriaRole.Button, new() { Name = $"Drain {name}", Exact = true })).ToBeEnabledAsync();
        }

        await Expect(page.GetByTestId("app-ready-default/web")).ToHaveTextAsync("6 / 6");
        await Expect(page.GetByTestId("member-replicas-west")).ToHaveTextAsync(new Regex("^2"));
        await Expect(page.GetByTestId("connection-text")).ToHaveTextAsync("Live");
        await Expect(page.GetByTestId("events-body").Locator("tr").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Columnheader, new() { Name = "Probe", Exact = true })).ToBeVisibleAsync();
        Assert.Equal("rgb(26, 127, 55)", await ColourOf(page.GetByTestId("member-state-badge-east")));
        Assert.Equal("Uncordon east", await page.GetByTestId("action-uncordon-east").GetAttributeAsync("aria-label"));
        await Expect(page.GetByTestId("action-uncordon-east")).ToBeDisabledAsync();
        await Screenshots.SaveAsync(page, "desktop-fleet");

        await page.GetByRole(AriaRole.Button, new() { Name = "Show deployment status of default/web" }).ClickAsync();
        var detail = page.GetByTestId("application-detail");
        await Expect(detail).ToBeVisibleAsync();
        await Expect(page.GetByTestId("detail-body").Locator("tr")).ToHaveCountAsync(3);
        foreach (var name in Members)
        {
            // Weighted, equal weights: two each. Cells: target, applied, replicas, ready, ...
            var cells = page.GetByTestId($"detail-row-{name}").Locator("td");
            await Expect(cells.Nth(0)).ToHaveTextAsync("2");
            await Expect(cells.Nth(3)).ToHaveTextAsync("2");
        }

        await Expect(page.GetByTestId("detail-conditions").Locator("li").First).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "desktop-application");

        // Narrow screen: one column, nothing wider than the viewport.
        await page.SetViewportSizeAsync(390, 844);
        await Expect(page.GetByTestId("members")).ToBeVisibleAsync();
        Assert.True(
            await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "the page scrolls sideways at 390 px");
        var members = (await page.GetByTestId("members").BoundingBoxAsync())!;
        var applications = (await page.GetByTestId("applications").BoundingBoxAsync())!;
        var migrations = (await page.GetByTestId("migrations").BoundingBoxAsync())!;
        Assert.Equal(members.X, applications.X, 1);
        Assert.Equal(applications.X, migrations.X, 1);
        Assert.True(migrations.Y > applications.Y, "applications and migrations should stack on a narrow screen");
        await Screenshots.SaveAsync(page, "narrow-fleet");

        await page.GetByTestId("detail-close").ClickAsync();
        await Expect(detail).ToBeHiddenAsync();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_drain_confirmed_on_the_page_completes_and_the_page_shows_the_member_empty()
    {
        await using var fleet = await DashboardFleet.StartAsync();
        await fleet.Fleet.JoinAllAsync();
        await fleet.PutSampleApplicationAsync();
        await Eventually.WaitAsync(
            () => fleet.Fleet.ReadyTotal("default", "web") == 6 && fleet.Fleet["west"].SpecReplicas("default", "web") == 2,
            Deadline,
            "6 ready, 2 on west");
        var page = await browser.OpenAsync(fleet.Url);
        var errors = CollectErrors(page);
        await Expect(page.GetByTestId("member-replicas-west")).ToHaveTextAsync(new Regex("^2"));

        // Cancelling the confirmation changes nothing.
        var drain = page.GetByRole(AriaRole.Button, new() { Name = "Drain west", Exact = true });
        var dialog = page.GetByTestId("confirm-dialog");
        await drain.ClickAsync();
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(page.GetByTestId("confirm-heading")).ToHaveTextAsync("Drain west?");
        await page.GetByTestId("confirm-cancel").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();
        await Expect(page.GetByTestId("live-status")).ToHaveTextAsync("Drain of west cancelled.");
        Assert.Equal(Scheduling.MemberState.Ready, (await fleet.Fleet.GetClusterAsync("west"))!.State);

        await drain.ClickAsync();
        await Expect(dialog).ToBeVisibleAsync();
        await page.GetByTestId("confirm-action").ClickAsync();
        await Expect(dialog).ToBeHiddenAsync();

        await Expect(page.GetByTestId("member-state-badge-west")).ToHaveTextAsync("Draining");
        await Expect(page.GetByTestId("drain-west")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("drain-done-west")).ToHaveTextAsync("west is empty — drain complete.", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("member-replicas-west")).ToHaveTextAsync(new Regex("^0"));
        await Expect(page.GetByTestId("live-status")).ToHaveTextAsync("Drain of west complete: the member is empty.");
        Assert.Equal(0, fleet.Fleet["west"].SpecReplicas("default", "web"));
        Assert.Equal(Scheduling.MemberState.Draining, (await fleet.Fleet.GetClusterAsync("west"))!.State);
        await Expect(page.GetByTestId("app-ready-default/web")).ToHaveTextAsync("6 / 6");
        Assert.Equal("rgb(31, 95, 191)", await ColourOf(page.GetByTestId("member-state-badge-west")));
        await Screenshots.SaveAsync(page, "desktop-drain");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_drain_with_no_room_left_shows_the_migration_in_flight_stuck_with_its_reason()
    {
        // Members of two 4-core nodes hold four 1.5-core pods each: nine replicas run three per
        // member, and once west drains only eight fit on east and central.
        await using var fleet = await DashboardFleet.StartAsync();
        await fleet.Fleet.JoinAllAsync();
        await fleet.PutSampleApplicationAsync(replicas: 9, cpu: "1500m", stepTimeout: "1s");
        await Eventually.WaitAsync(() => fleet.Fleet.ReadyTotal("default", "web") == 9, Deadline, "9 ready");
        var page = await browser.OpenAsync(fleet.Url);
        var errors = CollectErrors(page);
        await Expect(page.GetByTestId("app-ready-default/web")).ToHaveTextAsync("9 / 9");

        await page.GetByRole(AriaRole.Button, new() { Name = "Drain west", Exact = true }).ClickAsync();
        await page.GetByTestId("confirm-action").ClickAsync();

        var migration = page.GetByTestId("migration-default/web");
        await Expect(migration).ToBeVisibleAsync();
        await Expect(migration.Locator("td").Nth(0)).ToContainTextAsync(new Regex("west.* → "));
        await Expect(migration.Locator("td").Nth(4)).ToContainTextAsync("WaitingForCapacity: 1 replica(s) need 1500m CPU each");
        await Expect(page.GetByTestId("drain-progress-west")).ToContainTextAsync(new Regex("[1-9] remaining"));
        await Expect(page.GetByTestId("drain-done-west")).ToHaveCountAsync(0);
        Assert.True(fleet.Fleet["west"].SpecReplicas("default", "web") > 0, "west should still hold the replicas that fit nowhere");
        await Expect(page.GetByTestId("migrations-empty")).ToBeHiddenAsync();
        await Screenshots.SaveAsync(page, "desktop-stuck-migration");
        await page.SetViewportSizeAsync(390, 844);
        await Screenshots.SaveAsync(page, "narrow-stuck-migration");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_if_a_member_is_lost_card_lists_a_loss_that_leaves_replicas_unplaced()
    {
        await using var fleet = await DashboardFleet.StartAsync();
        var page = await browser.OpenAsync(fleet.Url);
        var errors = CollectErrors(page);
        await fleet.Fleet.JoinAllAsync();

        // Only east may run it: losing east leaves all 8 with nowhere to go.
        var response = await fleet.Fleet.PutApplicationAsync("default", "pinned", new
        {
            replicas = 8,
            template = Fleet.Template("pinned"),
            placement = new { strategy = "Weighted", clusterNames = new[] { "east" } },
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());

        var row = page.GetByTestId("loss-east");
        await Expect(row).ToBeVisibleAsync(new() { Timeout = (float)Deadline.TotalMilliseconds });
        await Expect(row.Locator("td").Nth(0)).ToHaveTextAsync("8");
        await Expect(row.Locator("td").Nth(1)).ToHaveTextAsync("default/pinned: 8 of 8");
        await Expect(page.GetByTestId("losses-summary")).ToHaveTextAsync(new Regex(@"^\(1 of 3 not survivable"));
        await Expect(page.GetByTestId("losses-empty")).ToBeHiddenAsync();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_member_in_outage_turns_NotReady_on_the_page_without_a_reload()
    {
        await using var fleet = await DashboardFleet.StartAsync();
        await fleet.Fleet.JoinAllAsync();
        await fleet.PutSampleApplicationAsync();
        var page = await browser.OpenAsync(fleet.Url);
        var errors = CollectErrors(page);
        await Expect(page.GetByTestId("member-state-badge-west")).ToHaveTextAsync("Ready");
        await Expect(page.GetByTestId("app-ready-default/web")).ToHaveTextAsync("6 / 6");

        // A marker on this document: a reload would lose it.
        await page.EvaluateAsync("() => { window.sameDocument = true; }");
        fleet.Fleet["west"].SetOutage(OutageMode.Refuse);

        await Expect(page.GetByTestId("member-state-badge-west")).ToHaveTextAsync("NotReady");
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"), "the page reloaded");
        Assert.Equal("rgb(198, 40, 40)", await ColourOf(page.GetByTestId("member-state-badge-west")));
        await Expect(page.GetByTestId("live-status")).ToContainTextAsync("west is now NotReady.");
        await Expect(page.GetByTestId("member-state-badge-east")).ToHaveTextAsync("Ready");
        await Screenshots.SaveAsync(page, "desktop-outage");
        await page.SetViewportSizeAsync(390, 844);
        await Expect(page.GetByTestId("member-state-badge-west")).ToBeVisibleAsync();
        await Screenshots.SaveAsync(page, "narrow-outage");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Losing_the_stream_shows_the_disconnected_banner_until_the_host_is_back()
    {
        await using var fleet = await DashboardFleet.StartAsync();
        await fleet.Fleet.JoinAllAsync();
        var page = await browser.OpenAsync(fleet.Url);
        var banner = page.GetByTestId("disconnected-banner");
        await Expect(page.GetByTestId("connection-text")).ToHaveTextAsync("Live");
        await Expect(banner).ToBeHiddenAsync();
        await Expect(page.GetByTestId("members-body").Locator("tr")).ToHaveCountAsync(3);

        await fleet.StopHostAsync();
        await Expect(banner).ToBeVisibleAsync();
        await Expect(banner).ToContainTextAsync("Disconnected — retrying");
        await Expect(page.GetByTestId("members-body").Locator("tr")).ToHaveCountAsync(3);
        await Screenshots.SaveAsync(page, "desktop-disconnected");

        await fleet.StartHostAsync();
        await Expect(banner).ToBeHiddenAsync();
        await Expect(page.GetByTestId("connection-text")).ToHaveTextAsync("Live");
        await Expect(page.GetByTestId("member-state-badge-central")).ToHaveTextAsync("Ready");
    }

    [Fact]
    public async Task With_tokens_the_page_takes_its_token_from_the_address_keeps_it_out_of_sight_and_uses_it()
    {
        await using var fleet = await DashboardFleet.StartAsync(o =>
        {
            o.Tokens["root"] = "admin:admin-secret-0123456789abcdef0123456789";
            o.Tokens["ops"] = "operator:ops-secret-0123456789abcdef0123456789ab";
        });
        fleet.Fleet.Api.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "admin-secret-0123456789abcdef0123456789");
        await fleet.Fleet.JoinAllAsync();

        // Without a token the stream is refused, and the banner says what to do.
        var refused = await browser.OpenAsync(fleet.Url);
        await Expect(refused.GetByTestId("disconnected-banner")).ToBeVisibleAsync();
        await Expect(refused.GetByTestId("disconnected-detail")).ToContainTextAsync("refused the token");
        await refused.Context.CloseAsync();

        var page = await browser.OpenAsync($"{fleet.Url}/?token=ops-secret-0123456789abcdef0123456789ab");
        await Expect(page.GetByTestId("member-state-badge-west")).ToHaveTextAsync("Ready");
        Assert.DoesNotContain("ops-secret-0123456789abcdef0123456789ab", page.Url);
        Assert.Equal("ops-secret-0123456789abcdef0123456789ab", await page.EvaluateAsync<string>("() => sessionStorage.getItem('federation.token')"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Cordon west", Exact = true }).ClickAsync();
        await page.GetByTestId("confirm-action").ClickAsync();
        await Expect(page.GetByTestId("member-state-badge-west")).ToHaveTextAsync("Cordoned");
        await Expect(page.GetByTestId("live-status")).ToContainTextAsync("west is now Cordoned.");
        Assert.Equal(Scheduling.MemberState.Cordoned, (await fleet.Fleet.GetClusterAsync("west"))!.State);

        // A reload keeps the token for this tab.
        await page.ReloadAsync();
        await Expect(page.GetByTestId("connection-text")).ToHaveTextAsync("Live");
        await Expect(page.GetByTestId("member-state-badge-west")).ToHaveTextAsync("Cordoned");
    }

    private static Task<string> ColourOf(ILocator locator) =>
        locator.EvaluateAsync<string>("e => getComputedStyle(e).color");

    // Script errors and console errors (a Content-Security-Policy violation shows up here).
    private static List<string> CollectErrors(IPage page)
    {
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add($"{m.Text} ({m.Location})");
            }
        };
        return errors;
    }
}
