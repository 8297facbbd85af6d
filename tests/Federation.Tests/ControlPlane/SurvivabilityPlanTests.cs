using System.Net;
using System.Net.Http.Json;
using Federation.Api;

namespace Federation.Tests.ControlPlane;

public sealed class SurvivabilityPlanTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task A_full_fleet_reports_each_loss_and_the_nodes_that_would_make_it_survivable()
    {
        // Two members of two 1-core nodes: four 500m pods each; eight replicas fill both.
        await using var fleet = await Fleet.StartAsync(names: ["east", "west"], nodeMilliCpu: 1000);
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("default", "web", new
        {
            replicas = 8,
            template = Fleet.Template("web", cpu: "500m"),
            placement = new { strategy = "Weighted" },
        })).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "web") == 8, Deadline, "8 ready");

        // The plan reads the members' capacity reports, which trail the pods: wait for the full fleet to show.
        SurvivabilityResult? result = null;
        await Eventually.WaitAsync(
            async () =>
            {
                var response = await fleet.Api.PostAsJsonAsync("/api/v1/plans/survivability", new { survive = 1 });
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                result = (await response.Content.ReadFromJsonAsync<SurvivabilityResult>(Fleet.Json))!;
                return result.Unsurvivable == 2;
            },
            Deadline,
            "both single losses unsurvivable once the members report full");

        Assert.Equal(2000, result!.MilliCpuToAdd);
        var east = result.Scenarios.Single(s => s.Groups.SequenceEqual(["east"]));
        Assert.Equal(4, east.Unplaced);
        Assert.Equal("default/web 4 of 8", string.Join("; ", east.Applications.Select(a => $"{a.Application} {a.Shortfall} of {a.Replicas}")));
        Assert.Equal(("west", 2), (east.Nodes!.Member, east.Nodes.Nodes));
        Assert.Equal(8, fleet.Members.Sum(m => m.SpecReplicas("default", "web")));
    }

    [Fact]
    public async Task A_survivability_plan_with_a_bad_survive_is_refused_naming_it()
    {
        await using var fleet = await Fleet.StartAsync(names: ["east"]);
        await fleet.JoinAllAsync();

        var response = await fleet.Api.PostAsJsonAsync("/api/v1/plans/survivability", new { survive = 3, by = "region" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"survive\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
