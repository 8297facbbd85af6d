using System.Text.Json;
using Federation.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Federation.Tests.Cli;

public sealed class PlanSurviveCommandTests
{
    private static readonly SurvivabilityResult Answer = new(1, "member", 2, 1, 3000, 6L << 30,
    [
        new LossView(["east"], ["east"], 6, 3000, 6L << 30, new NodesView("west", 2, 2000, 4L << 30, "2 nodes like west's"), [new LossApplicationView("shop/web", 12, 6)]),
        new LossView(["west"], ["west"], 0, 0, 0, null, []),
    ]);

    [Fact]
    public async Task Plan_survive_posts_the_question_and_prints_each_loss_worst_first()
    {
        await using var server = await FakeFederationServer.StartAsync(app => app.MapPost("/api/v1/plans/survivability", () => FakeFederationServer.Json(Answer)));
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString() });

        var exit = await cli.RunAsync("plan", "--survive", "1", "--by", "region");

        Assert.Equal(0, exit);
        using var body = JsonDocument.Parse(Assert.Single(server.Requests).Body);
        Assert.Equal(1, body.RootElement.GetProperty("survive").GetInt32());
        Assert.Equal("region", body.RootElement.GetProperty("by").GetString());
        var output = cli.Out.ToString();
        Assert.Matches(@"(?m)^east\s+east\s+6\s+shop/web 6/12\s+2 nodes like west's\r?$", output);
        Assert.Contains("NOT SURVIVABLE: 1 of 2 loss(es) leave replicas unplaced", output, StringComparison.Ordinal);
        Assert.Contains("To survive every loss add at least 3 CPU and 6Gi memory.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("csv", "loss,members,unplaced,application,replicas,shortfall,cpu_to_add,memory_to_add,nodes\r\neast,east,6,shop/web,12,6,3,6Gi,2 nodes like west's\r\n")]
    [InlineData("markdown", "| east | east | 6 | shop/web | 12 | 6 | 3 | 6Gi | 2 nodes like west's |")]
    [InlineData("json", "\"unsurvivable\": 1")]
    public async Task Plan_survive_exports_in_the_format_asked(string format, string expected)
    {
        await using var server = await FakeFederationServer.StartAsync(app => app.MapPost("/api/v1/plans/survivability", () => FakeFederationServer.Json(Answer)));
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString() });

        var exit = await cli.RunAsync("plan", "--survive", "1", "-o", format);

        Assert.Equal(0, exit);
        Assert.Contains(expected, cli.Out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_survive_with_a_hypothetical_change_exits_1_without_calling_the_server()
    {
        await using var server = await FakeFederationServer.StartAsync(app => app.MapFallback(() => Results.StatusCode(500)));
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString() });

        var exit = await cli.RunAsync("plan", "--survive", "2", "--retire", "east");

        Assert.Equal(1, exit);
        Assert.Empty(server.Requests);
        Assert.Contains("drop --retire", cli.Error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_exports_a_what_if_plan_as_csv()
    {
        var answer = new PlanResult(
            [new PlanApplicationView("shop/web", 12, new Dictionary<string, int> { ["east"] = 4, ["west"] = 4 }, new Dictionary<string, int> { ["west"] = 9 }, 4, 3)],
            [new PlanMemberView("west", "Ready", 4, 9, 0.95, 0.5)],
            3,
            ["shop/web: 3 replica(s) do not fit (west is full)"]);
        await using var server = await FakeFederationServer.StartAsync(app => app.MapPost("/api/v1/plans", () => FakeFederationServer.Json(answer)));
        var cli = new CliHarness(new() { ["FEDERATION_SERVER"] = server.Url.ToString() });

        var exit = await cli.RunAsync("plan", "--retire", "east", "-o", "csv");

        Assert.Equal(0, exit);
        Assert.Equal("application,replicas,before,after,moved,shortfall\r\nshop/web,12,\"east=4,west=4\",west=9,4,3\r\n", cli.Out.ToString());
    }
}
