using System.Net;
using System.Net.Http.Json;

namespace Federation.Tests.ControlPlane;

public sealed class OverrideTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static object Body(object[]? overrides) => new
    {
        replicas = 6,
        template = Fleet.Template("shop"),
        placement = new { strategy = "Weighted" },
        overrides,
    };

    [Fact]
    public async Task An_image_override_for_one_region_reaches_only_its_members_and_moves_no_replica()
    {
        await using var fleet = await Fleet.StartAsync();
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("default", "shop", Body(null))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "shop") == 6, Deadline, "6 ready");
        var before = fleet.Members.ToDictionary(m => m.Name, m => m.SpecReplicas("default", "shop"));

        // central is the only member labelled region=eu (Fleet.JoinAllAsync).
        var response = await fleet.PutApplicationAsync("default", "shop", Body(
        [
            new
            {
                target = new { labelSelector = new { region = "eu" } },
                image = new[] { new { component = "Registry", @operator = "add", value = "mirror.eu.example" } },
                env = new[] { new { set = new Dictionary<string, string> { ["REGION"] = "eu" } } },
            },
        ]));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        using var member = new HttpClient();
        async Task<string> Deployment(string name) => await member.GetStringAsync(new Uri(fleet[name].Url, "apis/apps/v1/namespaces/default/deployments/shop"));
        await Eventually.WaitAsync(
            async () => (await Deployment("central")).Contains("mirror.eu.example/nginx:1.27", StringComparison.Ordinal),
            Deadline,
            "the mirrored image on central");
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "shop") == 6, Deadline, "6 ready after the rollout");

        Assert.DoesNotContain("mirror.eu.example", await Deployment("east"), StringComparison.Ordinal);
        Assert.DoesNotContain("mirror.eu.example", await Deployment("west"), StringComparison.Ordinal);
        Assert.Equal(before, fleet.Members.ToDictionary(m => m.Name, m => m.SpecReplicas("default", "shop")));
        var events = await fleet.Api.GetFromJsonAsync<List<Grains.EventView>>("/api/v1/events?application=default/shop", Fleet.Json);
        Assert.DoesNotContain(events!, e => e.Kind is "MigrationStarted" or "ScaledDown");

        // What the API renders for a member is what that member runs.
        var rendered = await fleet.Api.GetStringAsync("/api/v1/namespaces/default/applications/shop/members/central/manifests");
        Assert.Contains("mirror.eu.example/nginx:1.27", rendered, StringComparison.Ordinal);
        Assert.Contains("\"REGION\"", rendered, StringComparison.Ordinal);
        Assert.DoesNotContain("mirror.eu.example", await fleet.Api.GetStringAsync("/api/v1/namespaces/default/applications/shop/members/east/manifests"), StringComparison.Ordinal);
        var cli = new Federation.Tests.Cli.CliHarness();
        Assert.Equal(0, await cli.RunAsync("apps", "render", "default/shop", "--member", "central", "--server", fleet.Url));
        Assert.Contains("mirror.eu.example/nginx:1.27", cli.Out.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_override_that_breaks_the_workload_on_a_member_is_refused_naming_member_and_field()
    {
        await using var fleet = await Fleet.StartAsync();
        await fleet.JoinAllAsync();

        var response = await fleet.PutApplicationAsync("default", "shop", Body(
        [
            new { target = new { clusterNames = new[] { "central" } }, patch = new[] { new { op = "remove", path = "/spec/template/spec/containers" } } },
        ]));
        var problem = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'central'", problem, StringComparison.Ordinal);
        Assert.Contains("template.spec.template.spec.containers", problem, StringComparison.Ordinal);
        Assert.Null(await fleet.GetApplicationAsync("default", "shop"));
    }

    [Fact]
    public async Task A_malformed_override_is_refused_naming_its_field()
    {
        await using var fleet = await Fleet.StartAsync();
        await fleet.JoinAllAsync();

        var response = await fleet.PutApplicationAsync("default", "shop", Body(
        [
            new { image = new[] { new { component = "Tag", @operator = "upsert", value = "2" } } },
        ]));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("overrides[0].image[0].operator", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
