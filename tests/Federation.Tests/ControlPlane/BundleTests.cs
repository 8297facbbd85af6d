using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Federation.Tests.ControlPlane;

public sealed class BundleTests
{
    private const string SecretValue = "s3cr3t-value-7f41c9";
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(40);

    private static JsonObject Workload(string configMap = "site-config") => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = "web" },
        ["spec"] = new JsonObject
        {
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "web" } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "web" } },
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(new JsonObject
                    {
                        ["name"] = "web",
                        ["image"] = "nginx:1.27",
                        ["envFrom"] = new JsonArray(new JsonObject { ["configMapRef"] = new JsonObject { ["name"] = configMap } }),
                        ["env"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "DB_PASSWORD",
                            ["valueFrom"] = new JsonObject { ["secretKeyRef"] = new JsonObject { ["name"] = "db", ["key"] = "password" } },
                        }),
                        ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "64Mi" } },
                    }),
                },
            },
        },
    };

    private static JsonArray Companions(string greeting = "hello") =>
    [
        new JsonObject { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = "site-config" }, ["data"] = new JsonObject { ["GREETING"] = greeting } },
        new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Secret", ["metadata"] = new JsonObject { ["name"] = "db" }, ["stringData"] = new JsonObject { ["password"] = SecretValue } },
        new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Service",
            ["metadata"] = new JsonObject { ["name"] = "web" },
            ["spec"] = new JsonObject { ["selector"] = new JsonObject { ["app"] = "web" }, ["ports"] = new JsonArray(new JsonObject { ["port"] = 80 }) },
        },
    ];

    private static object Bundle(string[] members, JsonArray? companions = null) => new
    {
        replicas = 4,
        template = Workload(),
        placement = new { strategy = "Weighted", clusterNames = members },
        companions = companions ?? Companions(),
    };

    [Fact]
    public async Task A_bundle_lands_on_each_holding_member_before_its_pods_and_its_secret_value_appears_nowhere()
    {
        await using var fleet = await Fleet.StartAsync();
        await fleet.JoinAllAsync();

        var put = await fleet.PutApplicationAsync("shop", "web", Bundle(["east", "west"]));
        var putAnswer = await put.Content.ReadAsStringAsync();
        Assert.True(put.StatusCode == HttpStatusCode.OK, putAnswer);
        await Eventually.WaitAsync(() => fleet.ReadyTotal("shop", "web") == 4, Deadline, "4 ready");

        using var http = new HttpClient();
        foreach (var member in new[] { "east", "west" })
        {
            var deployment = await Version(http, fleet, member, "apis/apps/v1/namespaces/shop/deployments/web");
            foreach (var path in new[] { "api/v1/namespaces/shop/configmaps/site-config", "api/v1/namespaces/shop/secrets/db", "api/v1/namespaces/shop/services/web" })
            {
                var companion = await Version(http, fleet, member, path);
                Assert.True(companion is not null && companion < deployment, $"{path} on {member} (version {companion}) was not written before the Deployment ({deployment})");
            }
        }

        Assert.Null(await Version(http, fleet, "central", "api/v1/namespaces/shop/configmaps/site-config"));

        // Status per companion per member; a Secret shows its keys and a hash, never a value.
        var view = await fleet.Api.GetStringAsync("/api/v1/namespaces/shop/applications/web");
        var companions = JsonNode.Parse(view)!["companions"]!.AsArray();
        Assert.Equal(6, companions.Count);
        Assert.All(companions, c => Assert.True((bool)c!["applied"]!));
        Assert.Contains(companions, c => (string?)c!["kind"] == "Secret" && c["keys"]!.AsArray().Select(k => (string?)k).SequenceEqual(["password"]));

        var seen = putAnswer + view
            + await fleet.Api.GetStringAsync("/api/v1/events?application=shop/web")
            + await fleet.Api.GetStringAsync("/api/v1/applications")
            + await fleet.Api.GetStringAsync("/metrics")
            + await fleet.Api.GetStringAsync("/api/v1/namespaces/shop/applications/web/members/east/manifests");
        Assert.DoesNotContain(SecretValue, seen, StringComparison.Ordinal);
        var rendered = JsonNode.Parse(await fleet.Api.GetStringAsync("/api/v1/namespaces/shop/applications/web/members/east/manifests"))!["items"]!.AsArray();
        Assert.Equal(["ConfigMap", "Secret", "Service", "Deployment"], rendered.Select(i => (string?)i!["kind"]));
        Assert.StartsWith("(redacted", (string?)rendered[1]!["stringData"]!["password"], StringComparison.Ordinal);
        foreach (var file in Directory.EnumerateFiles(fleet.DataDir, "*", SearchOption.AllDirectories))
        {
            Assert.False((await File.ReadAllTextAsync(file)).Contains(SecretValue, StringComparison.Ordinal), $"the secret value is in {file}");
        }
    }

    [Fact]
    public async Task A_namespace_deleted_on_a_member_comes_back_with_the_bundle_and_then_the_pods()
    {
        await using var fleet = await Fleet.StartAsync();
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("shop", "web", Bundle(["east"]))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("shop", "web") == 4, Deadline, "4 ready on east");

        using (var raw = new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = fleet["east"].Url.ToString() }))
        {
            await k8s.CoreV1OperationsExtensions.DeleteNamespaceAsync(raw.CoreV1, "shop");
        }

        await Eventually.WaitAsync(() => fleet.ReadyTotal("shop", "web") == 4, Deadline, "4 ready on east again");
        using var http = new HttpClient();
        var deployment = await Version(http, fleet, "east", "apis/apps/v1/namespaces/shop/deployments/web");
        foreach (var path in new[] { "api/v1/namespaces/shop/configmaps/site-config", "api/v1/namespaces/shop/secrets/db", "api/v1/namespaces/shop/services/web" })
        {
            var companion = await Version(http, fleet, "east", path);
            Assert.True(companion is not null && companion < deployment, $"{path} (version {companion}) was not written again before the Deployment ({deployment})");
        }
    }

    [Fact]
    public async Task A_drain_takes_the_companions_along_and_removes_them_from_the_drained_member_only_at_the_end()
    {
        await using var fleet = await Fleet.StartAsync();
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("shop", "web", Bundle(["east", "west", "central"]))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("shop", "web") == 4 && fleet["east"].SpecReplicas("shop", "web") > 0, Deadline, "4 ready, some on east");

        using var http = new HttpClient();
        var sawHoldingWithout = false;
        (await fleet.Api.PostAsync("/api/v1/clusters/east/drain", null)).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(
            async () =>
            {
                var onEast = await Version(http, fleet, "east", "api/v1/namespaces/shop/configmaps/site-config");
                sawHoldingWithout |= fleet["east"].SpecReplicas("shop", "web") > 0 && onEast is null;
                return onEast is null && await Version(http, fleet, "east", "apis/apps/v1/namespaces/shop/deployments/web") is null;
            },
            Deadline,
            "east emptied: its Deployment and companions gone");

        Assert.False(sawHoldingWithout, "east lost its companions while it still held replicas");
        Assert.Equal(4, fleet.ReadyTotal("shop", "web"));
        foreach (var member in new[] { "west", "central" }.Where(m => fleet[m].SpecReplicas("shop", "web") > 0))
        {
            Assert.NotNull(await Version(http, fleet, member, "api/v1/namespaces/shop/configmaps/site-config"));
        }
    }

    [Fact]
    public async Task A_changed_companion_rolls_out_to_every_holding_member_and_moves_no_replica()
    {
        await using var fleet = await Fleet.StartAsync();
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("shop", "web", Bundle(["east", "west"]))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("shop", "web") == 4, Deadline, "4 ready");
        var before = fleet.Members.ToDictionary(m => m.Name, m => m.SpecReplicas("shop", "web"));

        (await fleet.PutApplicationAsync("shop", "web", Bundle(["east", "west"], Companions(greeting: "bonjour")))).EnsureSuccessStatusCode();

        using var http = new HttpClient();
        foreach (var member in new[] { "east", "west" })
        {
            await Eventually.WaitAsync(
                async () => (await http.GetStringAsync(new Uri(fleet[member].Url, "api/v1/namespaces/shop/configmaps/site-config"))).Contains("bonjour", StringComparison.Ordinal),
                Deadline,
                $"the new ConfigMap on {member}");
        }

        Assert.Equal(before, fleet.Members.ToDictionary(m => m.Name, m => m.SpecReplicas("shop", "web")));
        var events = await fleet.Api.GetFromJsonAsync<List<Grains.EventView>>("/api/v1/events?application=shop/web", Fleet.Json);
        Assert.DoesNotContain(events!, e => e.Kind is "MigrationStarted" or "ScaledDown");
    }

    [Fact]
    public async Task A_dependency_missing_from_the_bundle_is_refused_naming_it_unless_the_members_provide_it()
    {
        await using var fleet = await Fleet.StartAsync();
        await fleet.JoinAllAsync();
        var body = new { replicas = 2, template = Workload(configMap: "elsewhere"), companions = Companions() };

        var refused = await fleet.PutApplicationAsync("shop", "web", body);
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("ConfigMap/elsewhere", problem, StringComparison.Ordinal);
        Assert.Contains("envFrom[0].configMapRef", problem, StringComparison.Ordinal);
        Assert.Null(await fleet.GetApplicationAsync("shop", "web"));

        var provided = await fleet.PutApplicationAsync("shop", "web", new { body.replicas, body.template, body.companions, providedByMember = new[] { "ConfigMap/elsewhere" } });
        Assert.Equal(HttpStatusCode.OK, provided.StatusCode);
    }

    [Fact]
    public async Task The_openapi_document_gives_the_shape_of_an_application_with_its_bundle_and_overrides()
    {
        await using var fleet = await Fleet.StartAsync(names: ["east"]);

        var doc = JsonNode.Parse(await fleet.Api.GetStringAsync("/openapi/v1.json"))!;

        var put = doc["paths"]!["/api/v1/namespaces/{ns}/applications/{name}"]!["put"]!;
        var schema = put["requestBody"]!["content"]!["application/json"]!["schema"]!;
        var resolved = schema["$ref"] is { } reference ? doc["components"]!["schemas"]![((string)reference!).Split('/')[^1]] : schema;
        var properties = resolved?["properties"]?.AsObject() ?? throw new Xunit.Sdk.XunitException(schema.ToJsonString());
        Assert.True(new[] { "template", "placement", "companions", "providedByMember", "overrides" }.All(properties.ContainsKey), string.Join(", ", properties.Select(p => p.Key)));
        Assert.NotNull(doc["paths"]!["/api/v1/namespaces/{ns}/applications/{name}/members/{member}/manifests"]);
    }

    /// <summary>An object's resourceVersion on a member (a member-wide counter: it orders writes), or null when absent.</summary>
    private static async Task<long?> Version(HttpClient http, Fleet fleet, string member, string path)
    {
        using var response = await http.GetAsync(new Uri(fleet[member].Url, path));
        if (response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }

        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return long.Parse((string)body["metadata"]!["resourceVersion"]!, System.Globalization.CultureInfo.InvariantCulture);
    }
}
