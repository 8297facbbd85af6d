using k8s;
using System.Net;
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

        var ready = await Eventually.WaitAsync(() => sim.ReadAsync("web"), d => d.Status?.ReadyReplicas == 3, "3 ready replicas");
        Assert.Equal(3, ready.Status.Replicas);
        Assert.Equal(3, ready.Status.AvailableReplicas);
        Assert.Equal(3, ready.Status.UpdatedReplicas);
        Assert.Null(ready.Status.UnavailableReplicas);
        Assert.Equal(1, ready.Status.ObservedGeneration);
        Assert.Contains(ready.Status.Conditions, c => c.Type == "Available" && c.Status == "True");
        Assert.Contains(ready.Status.Conditions, c => c.Type == "Progressing" && c.Reason == "NewReplicaSetAvailable");
        Assert.Equal(3, sim.Cluster.ReadyReplicas("default", "web"));

        var pods = await sim.Client.CoreV1.ListNamespacedPodAsync("default", labelSelector: "app=web");
        Assert.Equal(3, pods.Items.Count);
        Assert.All(pods.Items, p =>
        {
            Assert.Equal("Running", p.Status.Phase);
            Assert.False(string.IsNullOrEmpty(p.Spec.NodeName));
            Assert.StartsWith("web-", p.Metadata.Name, StringComparison.Ordinal);
            Assert.Contains(p.Status.Conditions, c => c.Type == "Ready" && c.Status == "True");
        });
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
}
