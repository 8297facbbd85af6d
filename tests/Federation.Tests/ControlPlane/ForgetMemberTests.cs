using System.Net;
using System.Net.Http.Json;
using Federation.Api;
using Federation.Grains;
using Federation.Members.Simulation;
using Federation.Tests.Distributed;

namespace Federation.Tests.ControlPlane;

/// <summary>unjoin --force of a dark member holding replicas; the forgotten member coming back; orphans on a rejoin.</summary>
public sealed class ForgetMemberTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    private static object App(string name, int replicas, string cpu = "100m") => new
    {
        replicas,
        template = Fleet.Template(name, cpu: cpu),
        placement = new { strategy = "Weighted" },
        maxUnavailable = 0,
        failoverAfter = "10m", // east keeps its share while dark: it still holds replicas when forgotten
        migration = new { stepSize = 1, stepTimeout = "20s", unhealthyAfter = "1m" },
    };

    [Fact]
    public async Task A_dark_member_holding_replicas_is_forgotten_by_force_left_untouched_when_it_returns_and_rejoins_clean_with_orphans()
    {
        await using var fleet = await Fleet.StartAsync();
        await using var proxy = await CountingProxy.StartAsync(fleet["east"].Url, () => [Environment.ProcessId]);
        await JoinAsync(fleet, "east", proxy.Url);
        await JoinAsync(fleet, "west", fleet["west"].Url);
        await JoinAsync(fleet, "central", fleet["central"].Url);
        (await fleet.PutApplicationAsync("default", "web", App("web", 6))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "web") == 6 && fleet["east"].SpecReplicas("default", "web") == 2, Deadline, "6 ready, 2 on east");

        fleet["east"].SetOutage(OutageMode.Refuse);
        await Eventually.WaitAsync(async () => (await fleet.GetClusterAsync("east"))!.State == Scheduling.MemberState.NotReady, Deadline, "east NotReady");
        var refused = await fleet.Api.DeleteAsync("/api/v1/clusters/east");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("force=true", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await fleet.Api.DeleteAsync("/api/v1/clusters/east?force=maybe")).StatusCode);

        // Forced: the plan places all 6 on west and central, so the floor holds.
        var forced = await fleet.Api.DeleteAsync("/api/v1/clusters/east?force=true");
        Assert.True(forced.StatusCode == HttpStatusCode.OK, await forced.Content.ReadAsStringAsync());
        var result = (await forced.Content.ReadFromJsonAsync<ForgetResult>(Fleet.Json))!;
        Assert.Equal(("default/web", 2, 6), (result.Applications.Single().Application, result.Applications.Single().Abandoned, result.Applications.Single().Placed));
        var forgottenAt = DateTime.UtcNow;
        Assert.Null(await fleet.GetClusterAsync("east"));
        await Eventually.WaitAsync(
            () => fleet["west"].ReadyReplicas("default", "web") + fleet["central"].ReadyReplicas("default", "web") == 6,
            Deadline,
            "east's replicas running on west and central");
        var web = (await fleet.GetApplicationAsync("default", "web"))!;
        Assert.DoesNotContain(web.Members, m => m.Cluster == "east");
        Assert.Equal((6, 0), (web.ReadyReplicas, web.UnknownReplicas));
        var events = await fleet.Api.GetFromJsonAsync<List<EventView>>("/api/v1/events?cluster=east", Fleet.Json);
        Assert.Contains(events!, e => e.Kind == "Abandoned" && e.Application == "default/web" && e.Replicas == 2);
        Assert.Contains(events!, e => e.Kind == "Unjoined" && e.Message.Contains("default/web: 2 replica(s)", StringComparison.Ordinal));

        // East comes back: it is no member any more, so nothing reaches it and its Deployment stays as it was.
        fleet["east"].Recover();
        var recoveredAt = DateTimeOffset.UtcNow;
        await Eventually.WaitAsync(
            async () => (await fleet.GetClusterAsync("west"))!.Capacity!.ObservedAt > recoveredAt.AddSeconds(3),
            Deadline,
            "three seconds of probing after east came back");
        Assert.Empty(proxy.Since(forgottenAt.AddSeconds(1), _ => true));
        Assert.Equal(2, fleet["east"].SpecReplicas("default", "web"));

        // Joined again it starts clean, and its leftover Deployment is listed as an orphan, kept.
        var rejoin = await fleet.Api.PostAsJsonAsync("/api/v1/clusters", new { name = "east", server = proxy.Url.ToString() });
        Assert.Equal(HttpStatusCode.Created, rejoin.StatusCode);
        var joined = (await rejoin.Content.ReadFromJsonAsync<ClusterView>(Fleet.Json))!;
        Assert.Equal(Scheduling.MemberState.Ready, joined.State);
        var orphan = Assert.Single(joined.Orphans!);
        Assert.Equal(("default/web", 2, "kept"), (orphan.Application, orphan.Replicas, orphan.Outcome));
        Assert.Equal(2, fleet["east"].SpecReplicas("default", "web"));
        Assert.Equal(6, (await fleet.GetApplicationAsync("default", "web"))!.ReadyReplicas);

        // Removed only on request: unjoin (it holds nothing of ours) and join with --clean.
        Assert.Equal(HttpStatusCode.NoContent, (await fleet.Api.DeleteAsync("/api/v1/clusters/east")).StatusCode);
        var clean = await fleet.Api.PostAsJsonAsync("/api/v1/clusters", new { name = "east", server = proxy.Url.ToString(), orphans = "clean" });
        Assert.Equal("deleted", Assert.Single((await clean.Content.ReadFromJsonAsync<ClusterView>(Fleet.Json))!.Orphans!).Outcome);
        Assert.Equal(0, fleet["east"].SpecReplicas("default", "web"));
    }

    [Fact]
    public async Task A_rejoined_members_orphan_is_adopted_on_request_and_scaled_to_the_placement()
    {
        await using var fleet = await Fleet.StartAsync();
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("default", "web", App("web", 6))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "web") == 6 && fleet["east"].SpecReplicas("default", "web") == 2, Deadline, "6 ready, 2 on east");
        fleet["east"].SetOutage(OutageMode.Refuse);
        await Eventually.WaitAsync(async () => (await fleet.GetClusterAsync("east"))!.State == Scheduling.MemberState.NotReady, Deadline, "east NotReady");
        Assert.Equal(HttpStatusCode.OK, (await fleet.Api.DeleteAsync("/api/v1/clusters/east?force=true")).StatusCode);
        await Eventually.WaitAsync(
            () => fleet["west"].ReadyReplicas("default", "web") + fleet["central"].ReadyReplicas("default", "web") == 6,
            Deadline,
            "east's replicas running on west and central");
        fleet["east"].Recover();

        var join = await fleet.Api.PostAsJsonAsync("/api/v1/clusters", new { name = "east", server = fleet["east"].Url.ToString(), orphans = "adopt" });
        Assert.Equal(HttpStatusCode.Created, join.StatusCode);
        Assert.Equal(("default/web", "adopted"), Assert.Single((await join.Content.ReadFromJsonAsync<ClusterView>(Fleet.Json))!.Orphans!) is var o ? (o.Application, o.Outcome) : default);

        // Adopted, the Deployment is the application's again: it moves it to the placement, which has nothing on east.
        await Eventually.WaitAsync(() => fleet["east"].SpecReplicas("default", "web") == 0, Deadline, "the adopted Deployment scaled to east's share");
        Assert.Equal(6, fleet.ReadyTotal("default", "web"));
        var events = await fleet.Api.GetFromJsonAsync<List<EventView>>("/api/v1/events?application=default/web", Fleet.Json);
        Assert.Contains(events!, e => e.Kind == "Adopted" && e.Cluster == "east" && e.Replicas == 2);
    }

    [Fact]
    public async Task Forcing_out_a_member_is_refused_when_an_application_would_fall_below_its_floor_unless_accepted()
    {
        // One 2500m pod per 4-CPU node: the fleet holds exactly 6, so without east only 4 fit.
        await using var fleet = await Fleet.StartAsync(nodeMilliCpu: 4000);
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("default", "web", App("web", 6, cpu: "2500m"))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "web") == 6, Deadline, "6 ready");
        fleet["east"].SetOutage(OutageMode.Refuse);
        await Eventually.WaitAsync(async () => (await fleet.GetClusterAsync("east"))!.State == Scheduling.MemberState.NotReady, Deadline, "east NotReady");

        var refused = await fleet.Api.DeleteAsync("/api/v1/clusters/east?force=true");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.Contains("default/web would have 4 of 6 replica(s) placed, below its floor of 6", problem, StringComparison.Ordinal);
        Assert.NotNull(await fleet.GetClusterAsync("east"));

        var accepted = await fleet.Api.DeleteAsync("/api/v1/clusters/east?force=true&acceptShortfall=true");
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Null(await fleet.GetClusterAsync("east"));
        await Eventually.WaitAsync(
            async () => (await fleet.GetApplicationAsync("default", "web"))!.Shortfall == 2,
            Deadline,
            "the accepted shortfall of 2 reported");
    }

    private static async Task JoinAsync(Fleet fleet, string name, Uri server)
    {
        var response = await fleet.Api.PostAsJsonAsync("/api/v1/clusters", new { name, server = server.ToString() });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }
}
