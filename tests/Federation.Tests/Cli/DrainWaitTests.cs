using Federation.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static Federation.Tests.Cli.TestViews;

namespace Federation.Tests.Cli;

/// <summary><c>clusters drain|retire --wait</c> against a fake host whose member empties, stalls or is uncordoned.</summary>
public sealed class DrainWaitTests
{
    [Fact]
    public async Task Drain_wait_exits_0_when_the_member_is_empty_and_prints_progress_lines()
    {
        await using var server = await FakeFederationServer.StartAsync(app =>
        {
            app.MapGet("/api/v1/clusters/east", FakeFederationServer.Sequence(
                Cluster("east", MemberState.Ready, ("shop/web", 4), ("shop/api", 2)),
                Cluster("east", MemberState.Draining, ("shop/web", 3), ("shop/api", 2)),
                Cluster("east", MemberState.Draining, ("shop/web", 1)),
                Cluster("east", MemberState.Draining)));
            app.MapPost("/api/v1/clusters/east/drain", () => FakeFederationServer.Json(Cluster("east", MemberState.Draining)));
            app.MapGet("/api/v1/namespaces/shop/applications/{name}", (string name) => FakeFederationServer.Json(Application("shop", name)));
        });
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString() });

        var exit = await cli.RunAsync("clusters", "drain", "east", "--wait");

        Assert.Equal(0, exit);
        var output = cli.Out.ToString();
        Assert.Contains("east Draining: 1/6 replica(s) moved, 5 remaining (shop/api 0/2, shop/web 1/4)", output, StringComparison.Ordinal);
        Assert.Contains("east Draining: 5/6 replica(s) moved, 1 remaining (shop/api 2/2, shop/web 3/4)", output, StringComparison.Ordinal);
        Assert.Contains("cluster east holds no replicas: 6 moved", output, StringComparison.Ordinal);
        Assert.Equal(1, server.Requests.Count(r => r.Method == "POST" && r.Path == "/api/v1/clusters/east/drain"));
    }

    [Fact]
    public async Task Drain_wait_exits_3_when_replicas_remain_at_the_timeout()
    {
        await using var server = await FakeFederationServer.StartAsync(app =>
        {
            app.MapGet("/api/v1/clusters/east", () => FakeFederationServer.Json(Cluster("east", MemberState.Draining, ("shop/web", 3))));
            app.MapPost("/api/v1/clusters/east/drain", () => FakeFederationServer.Json(Cluster("east", MemberState.Draining)));
            app.MapGet("/api/v1/namespaces/shop/applications/web", () => FakeFederationServer.Json(Application("shop", "web")));
        });
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString() });

        var exit = await cli.RunAsync("clusters", "drain", "east", "--wait", "--timeout", "5s");

        Assert.Equal(3, exit);
        Assert.Contains("timed out after 5s: 3 replica(s) still on cluster east", cli.Error.ToString(), StringComparison.Ordinal);
        Assert.Equal(CliHarness.Start.AddSeconds(5), cli.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Drain_wait_exits_4_when_someone_uncordons_the_member()
    {
        await using var server = await FakeFederationServer.StartAsync(app =>
        {
            app.MapGet("/api/v1/clusters/east", FakeFederationServer.Sequence(
                Cluster("east", MemberState.Ready, ("shop/web", 3)),
                Cluster("east", MemberState.Draining, ("shop/web", 2)),
                Cluster("east", MemberState.Ready, ("shop/web", 2))));
            app.MapPost("/api/v1/clusters/east/drain", () => FakeFederationServer.Json(Cluster("east", MemberState.Draining)));
            app.MapGet("/api/v1/namespaces/shop/applications/web", () => FakeFederationServer.Json(Application("shop", "web")));
        });
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString() });

        var exit = await cli.RunAsync("clusters", "drain", "east", "--wait");

        Assert.Equal(4, exit);
        Assert.Contains("cluster east is now Ready", cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Retire_wait_exits_4_when_a_migration_stays_stuck()
    {
        await using var server = await FakeFederationServer.StartAsync(app =>
        {
            app.MapGet("/api/v1/clusters/east", () => FakeFederationServer.Json(Cluster("east", MemberState.Retired, ("shop/web", 3))));
            app.MapPost("/api/v1/clusters/east/retire", () => FakeFederationServer.Json(Cluster("east", MemberState.Retired)));
            app.MapGet("/api/v1/namespaces/shop/applications/web", () =>
                FakeFederationServer.Json(Application("shop", "web", Stuck("no member has room for 3 replicas"))));
        });
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString() });

        var exit = await cli.RunAsync("clusters", "retire", "east", "--wait", "--timeout", "10m");

        Assert.Equal(4, exit);
        Assert.Contains("shop/web: migration stuck: no member has room for 3 replicas", cli.Out.ToString(), StringComparison.Ordinal);
        Assert.Contains("migration of shop/web off east is stuck (no member has room for 3 replicas) for 2m00s", cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stuck_migration_off_another_member_does_not_fail_this_drain()
    {
        await using var server = await FakeFederationServer.StartAsync(app =>
        {
            app.MapGet("/api/v1/clusters/east", () => FakeFederationServer.Json(Cluster("east", MemberState.Draining, ("shop/web", 3))));
            app.MapPost("/api/v1/clusters/east/drain", () => FakeFederationServer.Json(Cluster("east", MemberState.Draining)));
            app.MapGet("/api/v1/namespaces/shop/applications/web", () =>
                FakeFederationServer.Json(Application("shop", "web", Stuck("no room") with { Sources = ["west"] })));
        });
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString() });

        var exit = await cli.RunAsync("clusters", "drain", "east", "--wait", "--timeout", "30s");

        Assert.Equal(3, exit);
        Assert.DoesNotContain("stuck", cli.Out.ToString() + cli.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drain_wait_rides_out_a_short_server_outage()
    {
        var polls = 0;
        await using var server = await FakeFederationServer.StartAsync(app =>
        {
            app.MapGet("/api/v1/clusters/east", () => Interlocked.Increment(ref polls) switch
            {
                1 => FakeFederationServer.Json(Cluster("east", MemberState.Ready, ("shop/web", 2))),
                2 or 3 => Results.Problem("silo restarting", statusCode: 503),
                _ => FakeFederationServer.Json(Cluster("east", MemberState.Draining)),
            });
            app.MapPost("/api/v1/clusters/east/drain", () => FakeFederationServer.Json(Cluster("east", MemberState.Draining)));
        });
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString() });

        var exit = await cli.RunAsync("clusters", "drain", "east", "--wait");

        Assert.Equal(0, exit);
        Assert.Contains("cluster east holds no replicas: 2 moved", cli.Out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Drain_wait_exits_2_when_the_server_keeps_failing()
    {
        var polls = 0;
        await using var server = await FakeFederationServer.StartAsync(app =>
        {
            app.MapGet("/api/v1/clusters/east", () => Interlocked.Increment(ref polls) == 1
                ? FakeFederationServer.Json(Cluster("east", MemberState.Ready, ("shop/web", 2)))
                : Results.Problem("silo gone", statusCode: 503));
            app.MapPost("/api/v1/clusters/east/drain", () => FakeFederationServer.Json(Cluster("east", MemberState.Draining)));
        });
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString() });

        var exit = await cli.RunAsync("clusters", "drain", "east", "--wait", "--timeout", "10m");

        Assert.Equal(2, exit);
        Assert.Contains("silo gone", cli.Error.ToString(), StringComparison.Ordinal);
        Assert.Equal(CliHarness.Start.AddSeconds(30), cli.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Drain_without_wait_posts_once_and_prints_the_new_state()
    {
        await using var server = await FakeFederationServer.StartAsync(app =>
            app.MapPost("/api/v1/clusters/east/drain", () => FakeFederationServer.Json(Cluster("east", MemberState.Draining, ("shop/web", 3)))));
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString() });

        var exit = await cli.RunAsync("clusters", "drain", "east");

        Assert.Equal(0, exit);
        Assert.Equal("cluster east: Draining", cli.Out.ToString().Trim());
        Assert.Single(server.Requests);
    }

    [Fact]
    public async Task Drain_wait_with_a_timeout_that_is_not_a_duration_exits_1()
    {
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = "http://127.0.0.1:9" });

        var exit = await cli.RunAsync("clusters", "drain", "east", "--wait", "--timeout", "soon");

        Assert.Equal(1, exit);
        Assert.Contains("--timeout: 'soon'", cli.Error.ToString(), StringComparison.Ordinal);
    }
}
