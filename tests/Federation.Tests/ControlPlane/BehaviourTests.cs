using System.Net;
using System.Net.Http.Json;
using Federation.Api;
using Federation.Members.Simulation;
using Federation.Scheduling;

namespace Federation.Tests.ControlPlane;

public sealed class BehaviourTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    private static object App(string name, int replicas, object? placement = null, string failoverAfter = "1s", string cpu = "100m", string unhealthyAfter = "30s") => new
    {
        replicas,
        template = Fleet.Template(name, cpu: cpu),
        placement = placement ?? new { strategy = "Weighted" },
        failoverAfter,
        migration = new { stepSize = 1, stepTimeout = "20s", unhealthyAfter },
    };

    [Fact]
    public async Task Concurrent_placements_cannot_both_take_the_last_free_space()
    {
        // One member, two nodes of 1 core: four 500m pods fit, no more.
        await using var fleet = await Fleet.StartAsync(names: ["solo"], nodeMilliCpu: 1000);
        await fleet.JoinAllAsync();

        var puts = await Task.WhenAll(
            fleet.PutApplicationAsync("default", "a", App("a", 3, cpu: "500m")),
            fleet.PutApplicationAsync("default", "b", App("b", 3, cpu: "500m")));
        Assert.All(puts, p => Assert.Equal(HttpStatusCode.OK, p.StatusCode));

        try
        {
            await Eventually.WaitAsync(
                async () => (await fleet.GetApplicationAsync("default", "a"))!.Shortfall + (await fleet.GetApplicationAsync("default", "b"))!.Shortfall == 2,
                Deadline,
                "a shortfall of 2 between the two applications");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}: {await fleet.Api.GetStringAsync("/api/v1/events?limit=40")}", e);
        }
        Assert.Equal(4, fleet["solo"].SpecReplicas("default", "a") + fleet["solo"].SpecReplicas("default", "b"));
    }

    [Fact]
    public async Task A_member_in_maintenance_keeps_its_replicas_through_an_outage_but_can_still_be_drained()
    {
        await using var fleet = await Fleet.StartAsync();
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("default", "web", App("web", 6))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "web") == 6, Deadline, "6 ready");

        (await fleet.Api.PostAsJsonAsync("/api/v1/clusters/west/maintain", new { @for = "1h" })).EnsureSuccessStatusCode();
        fleet["west"].SetOutage(OutageMode.Error);
        await Eventually.WaitAsync(async () => (await fleet.GetClusterAsync("west"))!.LastProbeError is not null, Deadline, "west's probes failing");

        // Well past failoverAfter (1s): the planned upgrade is not treated as an outage.
        var since = DateTime.UtcNow;
        await Eventually.WaitAsync(() => DateTime.UtcNow - since > TimeSpan.FromSeconds(3), Deadline, "three seconds of outage");
        Assert.Equal(2, (await fleet.GetApplicationAsync("default", "web"))!.Members.Single(m => m.Cluster == "west").Target);
        Assert.Equal(4, fleet["east"].SpecReplicas("default", "web") + fleet["central"].SpecReplicas("default", "web"));

        fleet["west"].Recover();
        (await fleet.Api.PostAsync("/api/v1/clusters/west/drain", null)).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet["west"].SpecReplicas("default", "web") == 0 && fleet.ReadyTotal("default", "web") == 6, Deadline, "west drained");
    }

    [Fact]
    public async Task Replicas_that_never_become_ready_on_a_member_are_moved_elsewhere()
    {
        await using var fleet = await Fleet.StartAsync();
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("default", "web", App("web", 6, unhealthyAfter: "1s"))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "web") == 6, Deadline, "6 ready");

        // West's node goes bad for this application only: its pods stop being ready.
        fleet["west"].SetDeploymentUnhealthy("default", "web", true);
        fleet["west"].AddNode("spare", 100, 1L << 20); // a change on west to make its pods restart elsewhere is not needed: readiness is what counts
        await Eventually.WaitAsync(
            () => fleet["west"].SpecReplicas("default", "web") == 0 && fleet.ReadyTotal("default", "web") == 6,
            Deadline,
            "west's replicas moved to healthy members");
        var events = await fleet.Api.GetFromJsonAsync<List<Grains.EventView>>("/api/v1/events?application=default/web", Fleet.Json);
        Assert.Contains(events!, e => e.Kind == "Avoided" && e.From == "west");
    }

    [Fact]
    public async Task A_plan_answers_what_if_and_changes_nothing()
    {
        await using var fleet = await Fleet.StartAsync();
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("default", "web", App("web", 6))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "web") == 6, Deadline, "6 ready");
        var before = fleet.Members.ToDictionary(m => m.Name, m => m.SpecReplicas("default", "web"));

        var response = await fleet.Api.PostAsJsonAsync("/api/v1/plans", new
        {
            retire = new[] { "west" },
            add = new[] { new { name = "north", nodes = 2, cpu = "4", memory = "8Gi" } },
            scale = new[] { new { application = "default/web", replicas = 9 } },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = (await response.Content.ReadFromJsonAsync<PlanResult>(Fleet.Json))!;

        var web = plan.Applications.Single(a => a.Application == "default/web");
        Assert.Equal(9, web.After.Values.Sum());
        Assert.False(web.After.ContainsKey("west"));
        Assert.True(web.After.GetValueOrDefault("north") > 0);
        Assert.Equal(0, plan.TotalShortfall);
        Assert.Contains(plan.Members, m => m.Name == "north" && m.CpuUtilisation > 0);

        Assert.Equal(before, fleet.Members.ToDictionary(m => m.Name, m => m.SpecReplicas("default", "web")));
        Assert.Equal(MemberState.Ready, (await fleet.GetClusterAsync("west"))!.State);
        Assert.Equal(6, (await fleet.GetApplicationAsync("default", "web"))!.Replicas);
    }

    [Fact]
    public async Task A_plan_with_an_unknown_member_is_refused_naming_it()
    {
        await using var fleet = await Fleet.StartAsync(names: ["east"]);
        await fleet.JoinAllAsync();

        var response = await fleet.Api.PostAsJsonAsync("/api/v1/plans", new { drain = new[] { "nowhere" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("drain[0]", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_openapi_document_describes_the_routes()
    {
        await using var fleet = await Fleet.StartAsync(names: ["east"]);
        var doc = await fleet.Api.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/api/v1/clusters", doc, StringComparison.Ordinal);
        Assert.Contains("/api/v1/namespaces/{ns}/applications/{name}", doc, StringComparison.Ordinal);
        Assert.Contains("/api/v1/plans", doc, StringComparison.Ordinal);
        Assert.Contains("/api/v1/plans/survivability", doc, StringComparison.Ordinal);
        Assert.Contains("/api/v1/clusters/{name}/reports/latest", doc, StringComparison.Ordinal);
        Assert.Contains("image/svg+xml", doc, StringComparison.Ordinal);
    }
}
