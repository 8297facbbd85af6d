using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Federation.Members.Tests.Simulation;

public sealed class DeploymentCrudTests
{
    [Fact]
    public async Task Created_deployment_becomes_ready_and_status_follows()
    {
        await using var sim = await Sim.StartAsync();
        var created = await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 3), "default");
        Assert.Equal(1, created.Metadata.Generation);
        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.NotNull(created.Metadata.CreationTimestamp);

        var ready = await Eventually.WaitAsync(() => sim.ReadAsync("web"), d => d.Status?.ReadyReplicas == 3, "3 ready replicas");
        Assert.Equal(3, ready.Status.Replicas);
        Assert.Equal(3, ready.Status.AvailableReplicas);
        Assert.Equal(3, ready.Status.UpdatedReplicas);
        Assert.Null(ready.Status.UnavailableReplicas);
        Assert.Equal(1, ready.Status.ObservedGeneration);
        Assert.Contains(ready.Status.Conditions, c => c.Type == "Available" && c.Status == "True");
        Assert.Contains(ready.Status.Conditions, c => c.Type == "Progressing" && c.Reason == "NewReplicaSetAvailable");
        Assert.Equal(3, sim.Cluster.ReadyReplicas("default", "web"));
        Assert.Equal(3, sim.Cluster.SpecReplicas("default", "web"));

        var pods = await sim.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=web");
        Assert.Equal(3, pods.Items.Count);
        Assert.All(pods.Items, p =>
        {
            Assert.Equal("Running", p.Status.Phase);
            Assert.False(string.IsNullOrEmpty(p.Spec.NodeName));
            Assert.Matches("^web-[a-z0-9]{10}-[a-z0-9]{5}$", p.Metadata.Name);
            Assert.Contains(p.Status.Conditions, c => c.Type == "Ready" && c.Status == "True");
            Assert.Equal("100m", p.Spec.Containers[0].Resources.Requests["cpu"].ToString());
        });
    }

    [Fact]
    public async Task Get_list_replace_and_delete_round_trip()
    {
        await using var sim = await Sim.StartAsync();
        await sim.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "shop" } });
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 1), "shop");
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("api", 1), "default");

        Assert.Single((await sim.Client.AppsV1.ListNamespacedDeploymentAsync("shop")).Items);
        var all = await sim.Client.AppsV1.ListDeploymentForAllNamespacesAsync();
        Assert.Equal(["default/api", "shop/web"], all.Items.Select(d => $"{d.Metadata.NamespaceProperty}/{d.Metadata.Name}"));

        // The controller writes status while pods start; replace once it has settled, as a careful client would.
        var current = await Eventually.WaitAsync(() => sim.ReadAsync("web", "shop"), d => d.Status?.ReadyReplicas == 1, "web ready");
        current.Spec.Template.Spec.Containers[0].Image = "nginx:1.28";
        var replaced = await sim.Client.AppsV1.ReplaceNamespacedDeploymentAsync(current, "web", "shop");
        Assert.Equal(2, replaced.Metadata.Generation);
        Assert.True(long.Parse(replaced.Metadata.ResourceVersion) > long.Parse(current.Metadata.ResourceVersion));

        // Replacing with identical content is a no-op: no new resourceVersion, no generation bump.
        var settled = await Eventually.WaitAsync(
            () => sim.ReadAsync("web", "shop"),
            d => d.Status?.ObservedGeneration == 2 && d.Status.UpdatedReplicas == 1 && d.Status.Replicas == 1 && d.Status.ReadyReplicas == 1,
            "the rollout to finish");
        var again = await sim.Client.AppsV1.ReplaceNamespacedDeploymentAsync(settled, "web", "shop");
        Assert.Equal(settled.Metadata.ResourceVersion, again.Metadata.ResourceVersion);
        Assert.Equal(2, again.Metadata.Generation);

        await sim.Client.AppsV1.DeleteNamespacedDeploymentAsync("web", "shop");
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => sim.ReadAsync("web", "shop"));
        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);
        await Eventually.WaitAsync(
            async () => (await sim.Client.CoreV1.ListNamespacedPodAsync("shop")).Items.Count,
            n => n == 0,
            "the deleted deployment's pods to be garbage-collected");
    }

    [Fact]
    public async Task Create_of_an_existing_name_is_409_AlreadyExists()
    {
        await using var sim = await Sim.StartAsync();
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 1), "default");
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 1), "default"));
        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        Assert.Contains("\"AlreadyExists\"", e.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_in_a_missing_namespace_is_404()
    {
        await using var sim = await Sim.StartAsync();
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 1), "nowhere"));
        Assert.Equal(HttpStatusCode.NotFound, e.Response.StatusCode);
        Assert.Contains("namespaces \\\"nowhere\\\" not found", e.Response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_namespace_removes_its_deployments()
    {
        await using var sim = await Sim.StartAsync();
        await sim.Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = "tmp" } });
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 2), "tmp");
        await sim.Client.CoreV1.DeleteNamespaceAsync("tmp");

        Assert.DoesNotContain((await sim.Client.CoreV1.ListNamespaceAsync()).Items, n => n.Metadata.Name == "tmp");
        Assert.Empty((await sim.Client.AppsV1.ListDeploymentForAllNamespacesAsync()).Items);
        await Eventually.WaitAsync(
            async () => (await sim.Client.CoreV1.ListPodForAllNamespacesAsync()).Items.Count,
            n => n == 0,
            "pods of the deleted namespace to go");
    }
}
