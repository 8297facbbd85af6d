using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Federation.Tests.ControlPlane;

/// <summary>Bad input gets a 4xx naming the field, and changes nothing.</summary>
public sealed class ValidationTests : IAsyncLifetime
{
    private Fleet _fleet = null!;

    public async Task InitializeAsync()
    {
        _fleet = await Fleet.StartAsync(names: ["east", "west"]);
        await _fleet.JoinAllAsync();
    }

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    public static TheoryData<string, string, string> BadApplications => new()
    {
        { "unknown member in clusterNames", """{"replicas":2,"template":TEMPLATE,"placement":{"clusterNames":["east","nowhere"]}}""", "placement.clusterNames[1]" },
        { "negative replicas", """{"replicas":-1,"template":TEMPLATE}""", "replicas" },
        { "selector matching no member", """{"replicas":2,"template":TEMPLATE,"placement":{"clusterSelector":{"region":"mars"}}}""", "placement.clusterSelector" },
        { "unknown strategy", """{"replicas":2,"template":TEMPLATE,"placement":{"strategy":"Random"}}""", "placement.strategy" },
        { "no template", """{"replicas":2}""", "template" },
        { "template without containers", """{"replicas":2,"template":{"apiVersion":"apps/v1","kind":"Deployment","spec":{"template":{"spec":{}}}}}""", "template.spec.template.spec.containers" },
        { "min above max", """{"replicas":2,"template":TEMPLATE,"placement":{"bounds":{"east":{"min":3,"max":1}}}}""", "placement.bounds.east" },
        { "bad duration", """{"replicas":2,"template":TEMPLATE,"failoverAfter":"soon"}""", "failoverAfter" },
        { "maxUnavailable above replicas", """{"replicas":2,"template":TEMPLATE,"maxUnavailable":3}""", "maxUnavailable" },
    };

    [Theory]
    [MemberData(nameof(BadApplications))]
    public async Task Bad_application_is_refused_naming_the_field_and_changes_nothing(string why, string body, string field)
    {
        var template = System.Text.Json.JsonSerializer.Serialize(Fleet.Template("bad"));
        using var content = new StringContent(body.Replace("TEMPLATE", template, StringComparison.Ordinal), Encoding.UTF8, "application/json");
        var response = await _fleet.Api.PutAsync("/api/v1/namespaces/default/applications/bad", content);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {response.StatusCode}");
        var problem = await response.Content.ReadAsStringAsync();
        Assert.Contains($"\"{field}\"", problem, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _fleet.Api.GetAsync("/api/v1/namespaces/default/applications/bad")).StatusCode);
        Assert.All(_fleet.Members, m => Assert.Equal(0, m.SpecReplicas("default", "bad")));
    }

    [Fact]
    public async Task Malformed_json_is_refused_and_changes_nothing()
    {
        using var content = new StringContent("{\"replicas\": 2, \"template\": {", Encoding.UTF8, "application/json");
        var response = await _fleet.Api.PutAsync("/api/v1/namespaces/default/applications/bad", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("malformed JSON", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await _fleet.Api.GetAsync("/api/v1/namespaces/default/applications/bad")).StatusCode);
    }

    [Theory]
    [InlineData("""{"name":"Bad_Name","server":"http://127.0.0.1:1"}""", "name")]
    [InlineData("""{"name":"south"}""", "server")]
    [InlineData("""{"name":"south","server":"not a url"}""", "server")]
    public async Task Bad_join_is_refused_naming_the_field(string body, string field)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        var response = await _fleet.Api.PostAsync("/api/v1/clusters", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var clusters = await _fleet.Api.GetFromJsonAsync<List<Grains.ClusterView>>("/api/v1/clusters", Fleet.Json);
        Assert.Equal(["east", "west"], clusters!.Select(c => c.Name).Order());
    }

    [Fact]
    public async Task Unknown_member_and_unknown_action_are_404()
    {
        Assert.Equal(HttpStatusCode.NotFound, (await _fleet.Api.PostAsync("/api/v1/clusters/nowhere/drain", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await _fleet.Api.PostAsync("/api/v1/clusters/east/explode", null)).StatusCode);
        Assert.Equal(Scheduling.MemberState.Ready, (await _fleet.GetClusterAsync("east"))!.State);
    }

    [Fact]
    public async Task Credentials_never_come_back_from_the_api()
    {
        var join = await _fleet.Api.PostAsJsonAsync("/api/v1/clusters", new { name = "south", server = _fleet["east"].Url.ToString(), token = "s3cret-bearer-value" });
        Assert.Equal(HttpStatusCode.Created, join.StatusCode);

        var bodies = new[]
        {
            await join.Content.ReadAsStringAsync(),
            await _fleet.Api.GetStringAsync("/api/v1/clusters"),
            await _fleet.Api.GetStringAsync("/api/v1/clusters/south"),
            await _fleet.Api.GetStringAsync("/api/v1/events?cluster=south"),
            await _fleet.Api.GetStringAsync("/metrics"),
        };
        Assert.All(bodies, b => Assert.DoesNotContain("s3cret-bearer-value", b, StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NoContent, (await _fleet.Api.DeleteAsync("/api/v1/clusters/south")).StatusCode);
    }
}
