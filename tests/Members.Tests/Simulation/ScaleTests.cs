using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Federation.Members.Tests.Simulation;

public sealed class ScaleTests
{
    [Fact]
    public async Task Scale_subresource_reads_replaces_and_patches_replicas()
    {
        await using var sim = await Sim.StartAsync();
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 2), "default");
        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "web") == 2, "2 ready");

        var scale = await sim.Client.AppsV1.ReadNamespacedDeploymentScaleAsync("web", "default");
        Assert.Equal(2, scale.Spec.Replicas);
        Assert.Equal(2, scale.Status.Replicas);
        Assert.Equal("app=web", scale.Status.Selector);

        scale.Spec.Replicas = 4;
        var replaced = await sim.Client.AppsV1.ReplaceNamespacedDeploymentScaleAsync(scale, "web", "default");
        Assert.Equal(4, replaced.Spec.Replicas);
        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "web") == 4, "4 ready");

        await sim.Client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":1}}""", V1Patch.PatchType.MergePatch), "web", "default");
        var d = await Eventually.WaitAsync(() => sim.ReadAsync("web"), x => x.Status?.Replicas == 1 && x.Status.ReadyReplicas == 1, "scaled down to 1");
        Assert.Equal(1, d.Spec.Replicas);
        Assert.Equal(3, d.Metadata.Generation);
    }

    [Fact]
    public async Task Scale_with_a_stale_resourceVersion_is_409_and_negative_is_422()
    {
        await using var sim = await Sim.StartAsync();
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 1), "default");
        var scale = new V1Scale { Metadata = new V1ObjectMeta { Name = "web", ResourceVersion = "1" }, Spec = new V1ScaleSpec { Replicas = 3 } };
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => sim.Client.AppsV1.ReplaceNamespacedDeploymentScaleAsync(scale, "web", "default"));
        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);

        var negative = await Assert.ThrowsAsync<HttpOperationException>(() => sim.Client.AppsV1.PatchNamespacedDeploymentScaleAsync(
            new V1Patch("""{"spec":{"replicas":-1}}""", V1Patch.PatchType.MergePatch), "web", "default"));
        Assert.Equal((HttpStatusCode)422, negative.Response.StatusCode);
    }

    [Fact]
    public async Task Status_subresource_changes_status_only()
    {
        await using var sim = await Sim.StartAsync(new Federation.Members.Simulation.SimulatedMemberOptions { PodStartupDelay = TimeSpan.FromHours(1) });
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 1), "default");
        var patched = await sim.Client.AppsV1.PatchNamespacedDeploymentStatusAsync(
            new V1Patch("""{"spec":{"replicas":9},"status":{"collisionCount":7}}""", V1Patch.PatchType.MergePatch), "web", "default");
        Assert.Equal(7, patched.Status.CollisionCount);
        Assert.Equal(1, patched.Spec.Replicas);
        var read = await sim.Client.AppsV1.ReadNamespacedDeploymentStatusAsync("web", "default");
        Assert.Equal(7, read.Status.CollisionCount);
    }
}
