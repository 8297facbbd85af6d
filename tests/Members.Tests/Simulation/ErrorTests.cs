using System.Net;
using System.Text;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Federation.Members.Tests.Simulation;

public sealed class ErrorTests
{
    [Fact]
    public async Task Replace_with_a_stale_resourceVersion_is_409_Conflict()
    {
        await using var sim = await Sim.StartAsync(new Federation.Members.Simulation.SimulatedMemberOptions { PodStartupDelay = TimeSpan.FromHours(1) });
        var created = await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 1), "default");
        var stale = await Eventually.WaitAsync(() => sim.ReadAsync("web"), d => d.Status?.Replicas == 1, "the controller's first status");
        stale.Spec.Replicas = 2;
        await sim.Client.AppsV1.ReplaceNamespacedDeploymentAsync(stale, "web", "default");

        stale.Spec.Replicas = 3;
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => sim.Client.AppsV1.ReplaceNamespacedDeploymentAsync(stale, "web", "default"));
        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        Assert.Contains("the object has been modified", e.Response.Content, StringComparison.Ordinal);
        Assert.Equal(2, sim.Cluster.SpecReplicas("default", "web"));
        Assert.NotNull(created);
    }

    public static TheoryData<string, Action<V1Deployment>, string> InvalidDeployments => new()
    {
        { "negative replicas", d => d.Spec.Replicas = -1, "spec.replicas" },
        { "missing name", d => d.Metadata.Name = null, "metadata.name" },
        { "selector not matching template labels", d => d.Spec.Template.Metadata.Labels["app"] = "other", "selector` does not match template `labels" },
        { "no containers", d => d.Spec.Template.Spec.Containers.Clear(), "spec.template.spec.containers" },
        { "container without image", d => d.Spec.Template.Spec.Containers[0].Image = null, "containers[0].image" },
    };

    [Theory]
    [MemberData(nameof(InvalidDeployments))]
    public async Task Invalid_deployment_is_422_and_changes_nothing(string because, Action<V1Deployment> breakIt, string field)
    {
        await using var sim = await Sim.StartAsync();
        var d = Sim.Deployment("web", 1);
        breakIt(d);
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => sim.Client.AppsV1.CreateNamespacedDeploymentAsync(d, "default"));
        Assert.True(e.Response.StatusCode == (HttpStatusCode)422, because);
        Assert.Contains("\"Invalid\"", e.Response.Content, StringComparison.Ordinal);
        Assert.Contains(field, e.Response.Content, StringComparison.Ordinal);
        Assert.Empty((await sim.Client.AppsV1.ListNamespacedDeploymentAsync("default")).Items);
    }

    [Theory]
    [InlineData("deployments", "apps/v1", "Deployment", """{"limits":{"memory":-6.365E+12}}""", "spec.template.spec.containers.resources.limits")]
    [InlineData("deployments", "apps/v1", "Deployment", """{"requests":{"cpu":"-1e3"}}""", "spec.template.spec.containers.resources.requests")]
    [InlineData("deployments", "apps/v1", "Deployment", """{"requests":{"cpu":"2"},"limits":{"cpu":"1"}}""", "must be less than or equal to cpu limit")]
    [InlineData("statefulsets", "apps/v1", "StatefulSet", """{"limits":{"cpu":"-1e3"}}""", "spec.template.spec.containers.resources.limits")]
    public async Task Negative_or_crossed_resources_are_422_and_the_member_keeps_answering(string resource, string apiVersion, string kind, string resources, string expected)
    {
        // Stored, a negative quantity could never be served again: the client library's canonical form of "-1e3" never finishes.
        await using var sim = await Sim.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.Cluster.Url, Timeout = TimeSpan.FromSeconds(30) };
        var template = "{\"metadata\":{\"labels\":{\"app\":\"web\"}},\"spec\":{\"containers\":[{\"name\":\"web\",\"image\":\"nginx\",\"resources\":" + resources + "}]}}";
        var body = $"{{\"apiVersion\":\"{apiVersion}\",\"kind\":\"{kind}\",\"metadata\":{{\"name\":\"web\"}},\"spec\":{{\"replicas\":1,\"selector\":{{\"matchLabels\":{{\"app\":\"web\"}}}},\"template\":{template}}}}}";

        var created = await http.PostAsync($"/apis/apps/v1/namespaces/default/{resource}", new StringContent(body, Encoding.UTF8, "application/json"));

        var text = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == (HttpStatusCode)422, $"{(int)created.StatusCode}: {text}");
        Assert.True(text.Contains(expected, StringComparison.Ordinal), text);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync($"/apis/apps/v1/namespaces/default/{resource}")).StatusCode);
    }

    [Theory]
    [InlineData("deployments", "Deployment")]
    [InlineData("statefulsets", "StatefulSet")]
    public async Task A_negative_quantity_anywhere_in_a_workload_is_refused_and_the_member_keeps_answering(string resource, string kind)
    {
        await using var sim = await Sim.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.Cluster.Url, Timeout = TimeSpan.FromSeconds(30) };
        var body = """
            {"apiVersion":"apps/v1","kind":"KIND","metadata":{"name":"web"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},
             "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx"}],
             "volumes":[{"name":"scratch","emptyDir":{"sizeLimit":"-1e3"}}]}}}}
            """.Replace("KIND", kind, StringComparison.Ordinal);

        var created = await http.PostAsync($"/apis/apps/v1/namespaces/default/{resource}", new StringContent(body, Encoding.UTF8, "application/json"));

        var text = await created.Content.ReadAsStringAsync();
        Assert.True(created.StatusCode == (HttpStatusCode)422, $"{(int)created.StatusCode}: {text}");
        Assert.True(text.Contains("spec.template.spec.volumes.emptyDir.sizeLimit", StringComparison.Ordinal), text);
        Assert.Contains("a quantity must be at least 0", text, StringComparison.Ordinal);
        Assert.Contains("\"items\":[]", await http.GetStringAsync($"/apis/apps/v1/namespaces/default/{resource}"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_the_selector_is_422_field_is_immutable()
    {
        await using var sim = await Sim.StartAsync();
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 1), "default");
        var d = await sim.ReadAsync("web");

        // Unconditional (no resourceVersion), so a concurrent status write cannot turn this into a 409.
        d.Metadata.ResourceVersion = null;
        d.Spec.Selector.MatchLabels["tier"] = "x";
        d.Spec.Template.Metadata.Labels["tier"] = "x";
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => sim.Client.AppsV1.ReplaceNamespacedDeploymentAsync(d, "web", "default"));
        Assert.Equal((HttpStatusCode)422, e.Response.StatusCode);
        Assert.Contains("field is immutable", e.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_body_is_400_and_unknown_patch_type_is_415()
    {
        await using var sim = await Sim.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.Cluster.Url };
        var bad = await http.PostAsync("/apis/apps/v1/namespaces/default/deployments", new StringContent("{not json", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("\"kind\":\"Status\"", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 1), "default");
        var patch = new HttpRequestMessage(HttpMethod.Patch, "/apis/apps/v1/namespaces/default/deployments/web")
        {
            Content = new StringContent("{}", Encoding.UTF8, "text/plain"),
        };
        var unsupported = await http.SendAsync(patch);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unsupported.StatusCode);
        Assert.Contains("UnsupportedMediaType", await unsupported.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_paths_are_404_Status()
    {
        await using var sim = await Sim.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.Cluster.Url };
        var response = await http.GetAsync("/apis/batch/v1/jobs");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("\"reason\":\"NotFound\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
