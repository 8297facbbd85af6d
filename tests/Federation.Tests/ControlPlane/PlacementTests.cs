using System.Net;
using System.Net.Http.Json;

namespace Federation.Tests.ControlPlane;

public sealed class PlacementTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Weighted_2_1_1_of_8_replicas_lands_4_2_2_on_the_members()
    {
        await using var fleet = await Fleet.StartAsync();
        await fleet.JoinAllAsync();

        var response = await fleet.PutApplicationAsync("default", "web", new
        {
            replicas = 8,
            template = Fleet.Template("web"),
            placement = new { strategy = "Weighted", weights = new { east = 2, west = 1, central = 1 } },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        // Checked on the members themselves, through their own Kubernetes API state.
        await Eventually.WaitAsync(
            () => fleet["east"].SpecReplicas("default", "web") == 4 && fleet["west"].SpecReplicas("default", "web") == 2
                && fleet["central"].SpecReplicas("default", "web") == 2,
            Deadline,
            "4/2/2 on east/west/central");
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "web") == 8, Deadline, "8 ready replicas");
        await Eventually.WaitAsync(async () => (await fleet.GetApplicationAsync("default", "web"))?.ReadyReplicas == 8, Deadline, "the API to report 8 ready");
    }

    [Fact]
    public async Task The_members_left_out_are_named_with_why_and_again_after_a_restart()
    {
        // The reasons come from the last placement: one per member of the fleet, so they are not stored
        // with the application, and a restarted host names them again once the application is placed.
        await using var fleet = await Fleet.StartAsync();
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("default", "web", new
        {
            replicas = 2,
            template = Fleet.Template("web"),
            placement = new { strategy = "Weighted", clusterNames = new[] { "east" } },
        })).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "web") == 2, Deadline, "2 ready");
        const string LeftOut = "central: not in clusterNames; west: not in clusterNames";
        Assert.Equal(LeftOut, Shown((await fleet.GetApplicationAsync("default", "web"))!));

        await fleet.StopHostAsync();
        await fleet.StartHostAsync();

        await Eventually.WaitAsync(
            async () => await fleet.GetApplicationAsync("default", "web") is { } view && Shown(view) == LeftOut,
            Deadline,
            "the members left out named again after the restart");
        Assert.Equal(2, fleet["east"].SpecReplicas("default", "web"));
    }

    private static string Shown(Grains.ApplicationView view) =>
        string.Join("; ", view.ExcludedClusters.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {e.Value}"));

    [Fact]
    public async Task A_template_change_rolls_out_in_place_and_moves_nothing()
    {
        await using var fleet = await Fleet.StartAsync();
        await fleet.JoinAllAsync();
        object Body(string image) => new
        {
            replicas = 6,
            template = Fleet.Template("api", image),
            placement = new { strategy = "Weighted" },
        };
        (await fleet.PutApplicationAsync("default", "api", Body("nginx:1.27"))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "api") == 6, Deadline, "6 ready");
        var before = fleet.Members.ToDictionary(m => m.Name, m => m.SpecReplicas("default", "api"));

        (await fleet.PutApplicationAsync("default", "api", Body("nginx:1.28"))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(
            async () => (await fleet.Api.GetFromJsonAsync<List<Grains.EventView>>("/api/v1/events?application=default/api", Fleet.Json))!
                .Count(e => e.Kind == "Updated") == 1,
            Deadline,
            "the update event");
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "api") == 6, Deadline, "6 ready after the rollout");

        // The new image reached every member's Deployment, read through the member's own API.
        using var member = new HttpClient();
        foreach (var m in fleet.Members.Where(m => before[m.Name] > 0))
        {
            await Eventually.WaitAsync(
                async () => (await member.GetStringAsync(new Uri(m.Url, "apis/apps/v1/namespaces/default/deployments/api"))).Contains("nginx:1.28", StringComparison.Ordinal),
                Deadline,
                $"nginx:1.28 on {m.Name}");
        }

        Assert.Equal(before, fleet.Members.ToDictionary(m => m.Name, m => m.SpecReplicas("default", "api")));
        var events = await fleet.Api.GetFromJsonAsync<List<Grains.EventView>>("/api/v1/events?application=default/api", Fleet.Json);
        Assert.DoesNotContain(events!, e => e.Kind is "MigrationStarted" or "ScaledDown");
    }
}
