using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using Federation.Scheduling;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using static Federation.Tests.Cli.TestViews;

namespace Federation.Tests.Cli;

public sealed class ClusterCommandsTests
{
    [Fact]
    public async Task List_prints_a_table_using_server_and_token_from_the_environment()
    {
        await using var server = await FakeFederationServer.StartAsync(app =>
            app.MapGet("/api/v1/clusters", () => FakeFederationServer.Json(new[] { Cluster("east", MemberState.Ready), Cluster("west", MemberState.Cordoned) })));
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString(), ["FEDERATION_TOKEN"] = "s3cret" });

        var exit = await cli.RunAsync("clusters", "list");

        Assert.Equal(0, exit);
        Assert.Equal("Bearer s3cret", Assert.Single(server.Requests).Authorization);
        var lines = cli.Out.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("NAME", lines[0], StringComparison.Ordinal);
        Assert.Contains("LABELS", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^east\s+Ready\s+3/3\s+5\.5/8\s+20Gi/32Gi\s+4ms\s+region=eu$", lines[1].TrimEnd('\r'));
        Assert.StartsWith("west", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Token_flag_wins_over_the_environment_and_help_never_prints_a_token()
    {
        await using var server = await FakeFederationServer.StartAsync(app =>
            app.MapGet("/api/v1/clusters", () => FakeFederationServer.Json(Array.Empty<object>())));
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString(), ["FEDERATION_TOKEN"] = "from-env" });

        var exit = await cli.RunAsync("clusters", "list", "--token", "from-flag");
        await cli.RunAsync("clusters", "list", "--help");

        Assert.Equal(0, exit);
        Assert.Equal("Bearer from-flag", Assert.Single(server.Requests).Authorization);
        Assert.Contains("--token", cli.Out.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("from-env", cli.Out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Json_output_prints_the_servers_answer()
    {
        await using var server = await FakeFederationServer.StartAsync(app =>
            app.MapGet("/api/v1/clusters/east", () => FakeFederationServer.Json(Cluster("east", MemberState.Draining, ("shop/web", 2)))));
        var cli = new CliHarness();

        var exit = await cli.RunAsync("clusters", "get", "east", "--server", server.Url.ToString(), "-o", "json");

        Assert.Equal(0, exit);
        using var json = JsonDocument.Parse(cli.Out.ToString());
        Assert.Equal("Draining", json.RootElement.GetProperty("state").GetString());
        Assert.Equal("shop/web", json.RootElement.GetProperty("workloads")[0].GetProperty("application").GetString());
    }

    [Fact]
    public async Task Join_sends_the_member_url_token_and_labels_and_takes_the_federation_url_from_its_own_flag()
    {
        await using var server = await FakeFederationServer.StartAsync(app =>
            app.MapPost("/api/v1/clusters", () => FakeFederationServer.Json(Cluster("north", MemberState.Ready), 201)));
        var cli = new CliHarness();

        var exit = await cli.RunAsync("clusters", "join", "north", "--server", "https://north.example:6443", "--bearer-token", "member-token",
            "--label", "region=eu", "--label", "zone=a", "--federation-server", server.Url.ToString());

        Assert.Equal(0, exit);
        using var body = JsonDocument.Parse(Assert.Single(server.Requests).Body);
        Assert.Equal("north", body.RootElement.GetProperty("name").GetString());
        Assert.Equal("https://north.example:6443", body.RootElement.GetProperty("server").GetString());
        Assert.Equal("member-token", body.RootElement.GetProperty("token").GetString());
        Assert.Equal("a", body.RootElement.GetProperty("labels").GetProperty("zone").GetString());
        Assert.Contains("cluster north joined", cli.Out.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("neither --server nor --kubeconfig", new[] { "clusters", "join", "north" })]
    [InlineData("label without a value", new[] { "clusters", "join", "north", "--server", "https://n", "--label", "region" })]
    [InlineData("maintain with neither --until nor --for", new[] { "clusters", "maintain", "east" })]
    [InlineData("maintain for a duration that is not one", new[] { "clusters", "maintain", "east", "--for", "a while" })]
    [InlineData("join with both --adopt and --clean", new[] { "clusters", "join", "north", "--server", "https://n", "--adopt", "--clean" })]
    [InlineData("unjoin --accept-shortfall without --force", new[] { "clusters", "unjoin", "east", "--accept-shortfall" })]
    public async Task Bad_flags_exit_1_without_calling_the_server(string _, string[] args)
    {
        await using var server = await FakeFederationServer.StartAsync(app => app.MapFallback(() => Results.StatusCode(500)));
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString() });

        var exit = await cli.RunAsync(args);

        Assert.Equal(1, exit);
        Assert.Empty(server.Requests);
        Assert.StartsWith("error:", cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Maintain_for_a_duration_posts_the_window()
    {
        await using var server = await FakeFederationServer.StartAsync(app =>
            app.MapPost("/api/v1/clusters/east/maintain", () => FakeFederationServer.Json(Cluster("east", MemberState.Maintenance))));
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString() });

        var exit = await cli.RunAsync("clusters", "maintain", "east", "--for", "2h");

        Assert.Equal(0, exit);
        Assert.Equal("""{"for":"2h"}""", Assert.Single(server.Requests).Body);
        Assert.Contains("cluster east: Maintenance", cli.Out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unjoin_force_asks_the_server_to_forget_the_member_and_prints_what_was_abandoned()
    {
        await using var server = await FakeFederationServer.StartAsync(app =>
            app.MapDelete("/api/v1/clusters/east", () => FakeFederationServer.Json(
                new Api.ForgetResult("east", [new Membership.ForgottenApplication("shop/web", 6, 6, 2, 6)]))));
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString() });

        var exit = await cli.RunAsync("clusters", "unjoin", "east", "--force", "--accept-shortfall");

        Assert.Equal(0, exit);
        Assert.Equal("/api/v1/clusters/east?force=true&acceptShortfall=true", Assert.Single(server.Requests).Path);
        Assert.Contains("cluster east forgotten", cli.Out.ToString(), StringComparison.Ordinal);
        Assert.Contains("shop/web: 2 replica(s) abandoned there; 6 of 6 placed elsewhere (floor 6)", cli.Out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Join_with_adopt_asks_for_the_orphans_to_be_adopted_and_lists_them()
    {
        await using var server = await FakeFederationServer.StartAsync(app =>
            app.MapPost("/api/v1/clusters", () => FakeFederationServer.Json(
                Cluster("east", MemberState.Ready) with { Orphans = [new Grains.OrphanView("shop/web", 2, 2, "its application does not run on this member", "adopted")] },
                201)));
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString() });

        var exit = await cli.RunAsync("clusters", "join", "east", "--server", "https://east.example:6443", "--adopt", "--federation-server", server.Url.ToString());

        Assert.Equal(0, exit);
        using var body = JsonDocument.Parse(Assert.Single(server.Requests).Body);
        Assert.Equal("adopt", body.RootElement.GetProperty("orphans").GetString());
        Assert.Contains("orphan shop/web: 2 replica(s), 2 ready (its application does not run on this member): adopted", cli.Out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unjoin_refused_while_the_member_holds_replicas_exits_1_with_the_servers_reason()
    {
        await using var server = await FakeFederationServer.StartAsync(app =>
            app.MapDelete("/api/v1/clusters/east", () => Results.Problem(
                "member 'east' still holds replicas of shop/web; drain or retire it first", statusCode: 409, title: "member not empty")));
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString() });

        var exit = await cli.RunAsync("clusters", "unjoin", "east");

        Assert.Equal(1, exit);
        Assert.Contains("member not empty: member 'east' still holds replicas of shop/web", cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_error_exits_2()
    {
        await using var server = await FakeFederationServer.StartAsync(app =>
            app.MapPost("/api/v1/clusters/east/cordon", () => Results.Problem("grain call failed", statusCode: 500)));
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString() });

        var exit = await cli.RunAsync("clusters", "cordon", "east");

        Assert.Equal(2, exit);
        Assert.Contains("grain call failed", cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unreachable_server_exits_2_naming_the_url()
    {
        var url = $"http://127.0.0.1:{ClosedPort()}";
        var cli = new CliHarness();

        var exit = await cli.RunAsync("clusters", "list", "--server", url);

        Assert.Equal(2, exit);
        Assert.Contains($"cannot reach the federation server at {url}", cli.Error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A loopback port nothing listens on: bound by us, then released.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
