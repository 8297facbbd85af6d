using System.Text.Json;
using Federation.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static Federation.Tests.Cli.TestViews;

namespace Federation.Tests.Cli;

public sealed class AppsAndPlanCommandsTests : IDisposable
{
    private const string Manifest = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: shop}
        spec:
          replicas: 8
          template:
            spec:
              containers: [{name: web, image: nginx:1.27}]
        ---
        apiVersion: federation.io/v1
        kind: Placement
        spec:
          strategy: Weighted
          weights: {east: 2, west: 1}
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("federation-cli-").FullName;

    [Fact]
    public async Task Apply_puts_the_converted_manifest_to_the_applications_route()
    {
        await using var server = await FakeFederationServer.StartAsync(app =>
            app.MapPut("/api/v1/namespaces/shop/applications/web", () => FakeFederationServer.Json(Application("shop", "web"))));
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString() });

        var exit = await cli.RunAsync("apps", "apply", "-f", File("web.yaml", Manifest));

        Assert.Equal(0, exit);
        using var body = JsonDocument.Parse(Assert.Single(server.Requests).Body);
        Assert.Equal(8, body.RootElement.GetProperty("replicas").GetInt32());
        Assert.Equal("Weighted", body.RootElement.GetProperty("placement").GetProperty("strategy").GetString());
        Assert.Equal(JsonValueKind.Number, body.RootElement.GetProperty("template").GetProperty("spec").GetProperty("replicas").ValueKind);
        Assert.Contains("application shop/web applied (generation 3)", cli.Out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_refused_by_validation_exits_1_naming_the_field()
    {
        await using var server = await FakeFederationServer.StartAsync(app =>
            app.MapPut("/api/v1/namespaces/shop/applications/web", () => Results.ValidationProblem(
                new Dictionary<string, string[]> { ["placement.weights"] = ["weight for 'mars' names no selected member"] },
                title: "invalid application")));
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString() });

        var exit = await cli.RunAsync("apps", "apply", "-f", File("web.yaml", Manifest));

        Assert.Equal(1, exit);
        Assert.Contains("error: invalid application", cli.Error.ToString(), StringComparison.Ordinal);
        Assert.Contains("placement.weights: weight for 'mars' names no selected member", cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_of_a_file_without_a_deployment_exits_1_without_calling_the_server()
    {
        await using var server = await FakeFederationServer.StartAsync(app => app.MapFallback(() => Results.StatusCode(500)));
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString() });

        var exit = await cli.RunAsync("apps", "apply", "-f", File("placement.yaml", Manifest.Split("---")[1]));

        Assert.Equal(1, exit);
        Assert.Empty(server.Requests);
        Assert.Contains("placement.yaml: no Deployment", cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apps_get_prints_members_conditions_and_a_stuck_migration()
    {
        await using var server = await FakeFederationServer.StartAsync(app =>
            app.MapGet("/api/v1/namespaces/shop/applications/web", () => FakeFederationServer.Json(Application("shop", "web", Stuck("west is full")))));
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString() });

        var exit = await cli.RunAsync("apps", "get", "shop/web");

        Assert.Equal(0, exit);
        var output = cli.Out.ToString();
        Assert.Matches(@"(?m)^CLUSTER\s+TARGET\s+APPLIED\s+READY\s+UNKNOWN\s+LOST\r?$", output);
        Assert.Matches(@"(?m)^west\s+4\s+4\s+3\s+0\s+0\r?$", output);
        Assert.Contains("FloorMet", output, StringComparison.Ordinal);
        Assert.Contains("STUCK:       west is full", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apps_get_of_a_statefulset_prints_ordinals_and_what_awaits_confirmation()
    {
        var view = Application("data", "db") with
        {
            Members = [new Federation.Grains.MemberDeploymentView("east", 3, 3, 3, 3, 3, 3, true, null) { Ordinals = "0..2" }, new Federation.Grains.MemberDeploymentView("west", 2, 2, 2, 0, 0, 2, false, null) { Ordinals = "3..4" }],
        };
        view = view with { Stateful = new Federation.Grains.StatefulView("AfterConfirmation", null, ["west"], [], null) };
        await using var server = await FakeFederationServer.StartAsync(app =>
            app.MapGet("/api/v1/namespaces/data/applications/db", () => FakeFederationServer.Json(view)));
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString() });

        var exit = await cli.RunAsync("apps", "get", "data/db");

        Assert.Equal(0, exit);
        var output = cli.Out.ToString();
        Assert.Matches(@"(?m)^east\s+3\s+3\s+3\s+0\s+0\s+0\.\.2\r?$", output);
        Assert.Matches(@"(?m)^west \(unreachable\)\s+2\s+2\s+0\s+0\s+0\s+3\.\.4\r?$", output);
        Assert.Contains("AWAITING CONFIRMATION: failover of west (their volumes do not follow): federation apps confirm-failover data/db", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Confirm_failover_posts_to_the_route_and_names_the_members()
    {
        await using var server = await FakeFederationServer.StartAsync(app =>
            app.MapPost("/api/v1/namespaces/data/applications/db/confirm-failover", () => FakeFederationServer.Json(new ApplicationEndpoints.FailoverConfirmation(["west"]))));
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString() });

        var exit = await cli.RunAsync("apps", "confirm-failover", "data/db");

        Assert.Equal(0, exit);
        Assert.Equal("POST /api/v1/namespaces/data/applications/db/confirm-failover", $"{Assert.Single(server.Requests).Method} {server.Requests[0].Path}");
        Assert.Contains("confirmed on west", cli.Out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_posts_the_changes_and_says_the_shortfall_loudly_yet_exits_0()
    {
        var answer = new PlanResult(
            [new PlanApplicationView("shop/web", 12, new Dictionary<string, int> { ["east"] = 4, ["west"] = 4 }, new Dictionary<string, int> { ["west"] = 9 }, 4, 3)],
            [new PlanMemberView("east", "Retired", 4, 0, 0, 0), new PlanMemberView("west", "Ready", 4, 9, 0.95, 0.5)],
            3,
            ["shop/web: 3 replica(s) do not fit (west is full)"]);
        await using var server = await FakeFederationServer.StartAsync(app => app.MapPost("/api/v1/plans", () => FakeFederationServer.Json(answer)));
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString() });

        var exit = await cli.RunAsync("plan", "--retire", "east", "--add", "name=north,nodes=3,cpu=8,memory=32Gi,labels=region:eu", "--scale", "shop/web=12");

        Assert.Equal(0, exit);
        using var body = JsonDocument.Parse(Assert.Single(server.Requests).Body);
        Assert.Equal("east", body.RootElement.GetProperty("retire")[0].GetString());
        Assert.Equal("north", body.RootElement.GetProperty("add")[0].GetProperty("name").GetString());
        Assert.Equal("eu", body.RootElement.GetProperty("add")[0].GetProperty("labels").GetProperty("region").GetString());
        Assert.Equal(12, body.RootElement.GetProperty("scale")[0].GetProperty("replicas").GetInt32());
        Assert.False(body.RootElement.TryGetProperty("drain", out _));
        var output = cli.Out.ToString();
        Assert.Matches(@"(?m)^shop/web\s+12\s+east=4,west=4\s+west=9\s+4\s+3\r?$", output);
        Assert.Matches(@"(?m)^west\s+Ready\s+4 -> 9\s+95%\s+50%\r?$", output);
        Assert.Contains("SHORTFALL: 3 replica(s) would not fit after this change", output, StringComparison.Ordinal);
        Assert.Contains("- shop/web: 3 replica(s) do not fit (west is full)", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_with_a_malformed_add_exits_1_without_calling_the_server()
    {
        await using var server = await FakeFederationServer.StartAsync(app => app.MapFallback(() => Results.StatusCode(500)));
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString() });

        var exit = await cli.RunAsync("plan", "--add", "nodes=3");

        Assert.Equal(1, exit);
        Assert.Empty(server.Requests);
        Assert.Contains("name is required", cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_passes_the_filters_as_query_and_prints_a_table()
    {
        var time = new DateTimeOffset(2026, 11, 25, 11, 40, 2, TimeSpan.Zero);
        await using var server = await FakeFederationServer.StartAsync(app => app.MapGet("/api/v1/events", () => FakeFederationServer.Json(new[]
        {
            new Federation.Grains.EventView(time, "MigrationStep", "shop/web", "east", "east", "west", 1, "Draining", "moved 1 replica east -> west"),
        })));
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString() });

        var exit = await cli.RunAsync("events", "--application", "shop/web", "--cluster", "east", "--limit", "20");

        Assert.Equal(0, exit);
        Assert.Equal("/api/v1/events?application=shop%2Fweb&cluster=east&limit=20", Assert.Single(server.Requests).Path);
        Assert.Matches(@"(?m)^2026-11-25 11:40:02Z\s+MigrationStep\s+shop/web\s+east\s+west\s+1\s+Draining: moved 1 replica east -> west\r?$", cli.Out.ToString());
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string File(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        System.IO.File.WriteAllText(path, content);
        return path;
    }
}
