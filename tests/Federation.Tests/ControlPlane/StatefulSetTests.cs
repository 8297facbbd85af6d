using System.Net;
using System.Net.Http.Json;
using System.Text;
using Federation.Members.Simulation;

namespace Federation.Tests.ControlPlane;

/// <summary>A StatefulSet across members, end to end over HTTP: ordinals disjoint across the fleet, scale-down highest first, moves one at a time, failover held until confirmed.</summary>
public sealed class StatefulSetTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private static object Db(int replicas, string failoverAfter = "2s", object? failover = null, string strategy = "Weighted", string image = "postgres:16") => new
    {
        replicas,
        template = new
        {
            apiVersion = "apps/v1",
            kind = "StatefulSet",
            metadata = new { name = "db", labels = new Dictionary<string, string> { ["app"] = "db" } },
            spec = new
            {
                serviceName = "db",
                selector = new { matchLabels = new Dictionary<string, string> { ["app"] = "db" } },
                template = new
                {
                    metadata = new { labels = new Dictionary<string, string> { ["app"] = "db" } },
                    spec = new
                    {
                        containers = new[] { new { name = "db", image, resources = new { requests = new Dictionary<string, string> { ["cpu"] = "100m", ["memory"] = "64Mi" } } } },
                    },
                },
            },
        },
        placement = new { strategy },
        maxUnavailable = 0,
        failoverAfter,
        failover,
        migration = new { stepSize = 1, stepTimeout = "30s", unhealthyAfter = "60s" },
    };

    /// <summary>Each member's pods of db: ordinal → Ready.</summary>
    private static Dictionary<string, IReadOnlyDictionary<int, bool>> Pods(Fleet fleet, params string[] members) =>
        (members.Length == 0 ? fleet.Members.Select(m => m.Name) : members).ToDictionary(m => m, m => fleet[m].StatefulPods("data", "db"));

    /// <summary>Distinct ordinals that run Ready somewhere.</summary>
    private static int[] ReadyOrdinals(Dictionary<string, IReadOnlyDictionary<int, bool>> pods) =>
        [.. pods.Values.SelectMany(p => p.Where(o => o.Value).Select(o => o.Key)).Distinct().Order()];

    private static bool Settled(Fleet fleet, int replicas)
    {
        var pods = Pods(fleet);
        var all = pods.Values.SelectMany(p => p.Keys).ToList();
        return all.Count == replicas && ReadyOrdinals(pods).SequenceEqual(Enumerable.Range(0, replicas));
    }

    /// <summary>Settled, and at the placement: every member runs as many pods as it is placed, nothing in flight.</summary>
    private static async Task<bool> PlacedAsync(Fleet fleet, int replicas)
    {
        var view = await fleet.GetApplicationAsync("data", "db");
        var pods = Pods(fleet);
        return Settled(fleet, replicas) && view?.Stateful is { InFlight: null }
            && view.Members.All(m => pods.GetValueOrDefault(m.Cluster)?.Count == m.Target);
    }

    [Fact]
    public async Task Five_replicas_over_two_members_run_disjoint_complete_ordinals_with_unique_pod_names()
    {
        await using var fleet = await Fleet.StartAsync(names: ["east", "west"]);
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("data", "db", Db(5))).EnsureSuccessStatusCode();

        await Eventually.WaitAsync(() => PlacedAsync(fleet, 5), Deadline, "db-0 … db-4 ready across east and west");
        var pods = Pods(fleet);
        var east = pods["east"].Keys.Order().ToArray();
        var west = pods["west"].Keys.Order().ToArray();

        Assert.Equal(5, east.Length + west.Length);
        Assert.Empty(east.Intersect(west));
        Assert.Equal(Enumerable.Range(0, 5), east.Concat(west).Order());
        Assert.True(east.Length > 0 && west.Length > 0, $"both members run ordinals: east {string.Join(",", east)}, west {string.Join(",", west)}");
        Assert.All(new[] { east, west }, o => Assert.Equal(Enumerable.Range(o[0], o.Length), o)); // contiguous: one ordinals.start per member

        var view = (await fleet.GetApplicationAsync("data", "db"))!;
        Assert.Equal("AfterConfirmation", view.Stateful!.Failover);
        Assert.Equal($"{east[0]}..{east[^1]}", view.Members.Single(m => m.Cluster == "east").Ordinals);

        // The application keeps its kind: a Deployment of the same name would leave the StatefulSet running.
        var changed = await fleet.PutApplicationAsync("data", "db", new { replicas = 5, template = Fleet.Template("db") });
        Assert.Equal(HttpStatusCode.BadRequest, changed.StatusCode);
        Assert.Contains("\"template.kind\"", await changed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_image_rolls_in_place_on_each_member_and_moves_no_ordinal()
    {
        await using var fleet = await Fleet.StartAsync(names: ["east", "west"]);
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("data", "db", Db(5))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => PlacedAsync(fleet, 5), Deadline, "5 ready");
        var before = Pods(fleet).ToDictionary(p => p.Key, p => p.Value.Keys.Order().ToArray());

        (await fleet.PutApplicationAsync("data", "db", Db(5, image: "postgres:17"))).EnsureSuccessStatusCode();
        var moved = false;
        await Eventually.WaitAsync(
            async () =>
            {
                moved |= Pods(fleet).Any(p => p.Value.Keys.Except(before[p.Key]).Any());
                return Settled(fleet, 5) && (await ImagesAsync(fleet)).All(i => i == "postgres:17");
            },
            Deadline,
            "every pod on postgres:17");

        Assert.False(moved, "an ordinal started on another member during the update");
        Assert.All(Pods(fleet), p => Assert.Equal(before[p.Key], p.Value.Keys.Order()));
        var events = await fleet.Api.GetFromJsonAsync<List<Grains.EventView>>("/api/v1/events?application=data/db", Fleet.Json);
        Assert.DoesNotContain(events!, e => e.Kind == "OrdinalMoving");
    }

    /// <summary>The image of every db pod on every member, read through each member's Kubernetes API.</summary>
    private static async Task<List<string>> ImagesAsync(Fleet fleet)
    {
        var images = new List<string>();
        foreach (var member in fleet.Members)
        {
            using var client = new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = member.Url.ToString() });
            var pods = await k8s.CoreV1OperationsExtensions.ListNamespacedPodAsync(client.CoreV1, "data", labelSelector: "app=db");
            images.AddRange(pods.Items.Select(p => p.Spec.Containers[0].Image));
        }

        return images;
    }

    [Fact]
    public async Task Scale_from_five_to_three_removes_ordinals_four_then_three()
    {
        await using var fleet = await Fleet.StartAsync(names: ["east", "west"]);
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("data", "db", Db(5))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => PlacedAsync(fleet, 5), Deadline, "5 ready");

        (await fleet.PutApplicationAsync("data", "db", Db(3))).EnsureSuccessStatusCode();
        var threeGoneWhileFourRan = false;
        await Eventually.WaitAsync(
            async () =>
            {
                var all = Pods(fleet).Values.SelectMany(p => p.Keys).ToHashSet();
                threeGoneWhileFourRan |= all.Contains(4) && !all.Contains(3);
                return await PlacedAsync(fleet, 3);
            },
            Deadline,
            "db-0 … db-2 only");

        Assert.False(threeGoneWhileFourRan, "db-3 was removed while db-4 still ran: the highest ordinal goes first");
        Assert.Equal([0, 1, 2], Pods(fleet).Values.SelectMany(p => p.Keys).Order());
    }

    [Fact]
    public async Task Drain_moves_ordinals_one_at_a_time_with_the_floor_held()
    {
        await using var fleet = await Fleet.StartAsync(podStartup: TimeSpan.FromMilliseconds(300));
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("data", "db", Db(5))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(async () => await PlacedAsync(fleet, 5) && fleet["west"].StatefulPods("data", "db").Count > 0, Deadline, "5 ready, some on west");
        var westBefore = fleet["west"].StatefulPods("data", "db").Keys.Order().ToArray();

        (await fleet.Api.PostAsync("/api/v1/clusters/west/drain", null)).EnsureSuccessStatusCode();
        var (minReady, maxShared, maxPods) = (int.MaxValue, 0, 0);
        await Eventually.WaitAsync(
            () =>
            {
                var pods = Pods(fleet);
                minReady = Math.Min(minReady, ReadyOrdinals(pods).Length);
                maxShared = Math.Max(maxShared, pods.Values.SelectMany(p => p.Keys).GroupBy(o => o).Count(g => g.Count() > 1));
                maxPods = Math.Max(maxPods, pods.Values.Sum(p => p.Count));
                return pods["west"].Count == 0 && Settled(fleet, 5);
            },
            Deadline,
            "west emptied, db-0 … db-4 ready elsewhere");

        Assert.True(minReady >= 5, $"ready ordinals fell to {minReady}, below the floor of 5");
        Assert.True(maxShared <= 1, $"{maxShared} ordinals ran on two members at once");
        Assert.True(maxPods <= 6, $"{maxPods} pods at once: more than one ordinal in flight");
        var events = await fleet.Api.GetFromJsonAsync<List<Grains.EventView>>("/api/v1/events?application=data/db", Fleet.Json);
        var moves = events!.Where(e => e.Kind == "OrdinalMoving").ToList();
        Assert.Equal(westBefore.Length, moves.Count(e => e.From == "west"));
        Assert.All(moves, e => Assert.Contains("volume does not follow", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Failover_waits_for_confirmation_by_default()
    {
        await using var fleet = await Fleet.StartAsync();
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("data", "db", Db(5, failoverAfter: "1s"))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(async () => await PlacedAsync(fleet, 5) && fleet["west"].StatefulPods("data", "db").Count > 0, Deadline, "5 ready, some on west");
        var west = fleet["west"].StatefulPods("data", "db").Keys.Order().ToArray();

        fleet["west"].SetOutage(OutageMode.Refuse);
        await Eventually.WaitAsync(
            async () => (await fleet.GetApplicationAsync("data", "db"))!.Stateful!.AwaitingConfirmation.SequenceEqual(["west"]),
            Deadline,
            "west's failover awaiting confirmation");

        // Past failoverAfter, the placement still holds west's replicas there and no other member started its ordinals.
        var view = (await fleet.GetApplicationAsync("data", "db"))!;
        Assert.Equal(west.Length, view.Members.Single(m => m.Cluster == "west").Target);
        Assert.Contains(view.Conditions, c => c is { Type: "FailoverConfirmed", Status: false, Reason: "AwaitingConfirmation" });
        Assert.Empty(Pods(fleet, "east", "central").Values.SelectMany(p => p.Keys).Intersect(west));

        Assert.Equal(0, await Cli.RunAsync("apps", "confirm-failover", "data/db", "--server", fleet.Url));
        await Eventually.WaitAsync(
            () => ReadyOrdinals(Pods(fleet, "east", "central")).SequenceEqual(Enumerable.Range(0, 5)),
            Deadline,
            "west's ordinals ready on east and central");

        var events = await fleet.Api.GetFromJsonAsync<List<Grains.EventView>>("/api/v1/events?application=data/db", Fleet.Json);
        Assert.Contains(events!, e => e.Kind == "FailoverAwaitingConfirmation" && e.Message.Contains("volumes do not follow", StringComparison.Ordinal));
        Assert.Contains(events!, e => e.Kind == "FailoverConfirmed" && e.From == "west");
        Assert.Contains(events!, e => e.Kind == "StatefulFailover" && e.From == "west" && e.Message.Contains("volumes do not follow", StringComparison.Ordinal));
        Assert.Equal(1, await Cli.RunAsync("apps", "confirm-failover", "data/db", "--server", fleet.Url)); // nothing awaits now: 409
    }

    [Theory]
    [InlineData("an unknown failover policy", "{\"stateful\":\"Sometimes\"}", "Weighted", "failover.stateful")]
    [InlineData("Duplicated cannot divide ordinals", null, "Duplicated", "placement.strategy")]
    public async Task A_bad_statefulset_application_is_refused_naming_the_field(string why, string? failover, string strategy, string field)
    {
        await using var fleet = await Fleet.StartAsync(names: ["east", "west"]);
        await fleet.JoinAllAsync();
        var body = System.Text.Json.JsonSerializer.Serialize(Db(2, strategy: strategy), Fleet.Json);
        body = failover is null ? body : body.Replace("\"failover\":null", $"\"failover\":{failover}", StringComparison.Ordinal);
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await fleet.Api.PutAsync("/api/v1/namespaces/data/applications/db", content);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {response.StatusCode}");
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await fleet.Api.GetAsync("/api/v1/namespaces/data/applications/db")).StatusCode);
    }
}
