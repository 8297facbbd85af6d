using System.Net;
using System.Text;
using Federation.Members.Simulation;
using k8s;
using k8s.Models;

namespace Federation.Members.Tests.Simulation;

public sealed class BadImageTests
{
    [Fact]
    public async Task Pods_of_an_image_marked_not_ready_never_become_ready_and_the_rollout_stalls()
    {
        await using var sim = await Sim.StartAsync(new SimulatedMemberOptions { PodStartupDelay = TimeSpan.FromMilliseconds(20) });
        using var http = new HttpClient { BaseAddress = sim.Cluster.Url };
        Assert.Equal(HttpStatusCode.OK, (await Post(http, """{"image":"web:2","ready":false}""")).StatusCode);
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 2, image: "web:1"), "default");
        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "web") == 2, "web:1 ready");

        var d = await sim.ReadAsync("web");
        d.Spec.Template.Spec.Containers[0].Image = "web:2";
        await sim.Client.AppsV1.ReplaceNamespacedDeploymentAsync(d, "web", "default");

        var stalled = await Eventually.WaitAsync(() => sim.ReadAsync("web"), x => x.Status?.UpdatedReplicas >= 1, "a web:2 pod created");
        var pods = await Eventually.WaitAsync(
            () => sim.Client.CoreV1.ListNamespacedPodAsync("default"),
            p => p.Items.Any(x => x.Spec.Containers[0].Image == "web:2" && x.Status.Phase == "Running"),
            "the web:2 pod runs");
        Assert.All(pods.Items.Where(p => p.Spec.Containers[0].Image == "web:2"), p => Assert.False(p.Status.ContainerStatuses[0].Ready));
        Assert.Equal(2, stalled.Status.ReadyReplicas);

        Assert.Equal(HttpStatusCode.OK, (await Post(http, """{"image":"web:2","ready":true}""")).StatusCode);
        await Eventually.WaitAsync(() => sim.ReadAsync("web"), x => x.Status?.UpdatedReplicas == 2 && x.Status.ReadyReplicas == 2 && x.Status.Replicas == 2, "web:2 rolls out once good");
    }

    [Fact]
    public async Task Pods_of_a_crashing_image_restart_with_a_growing_count_in_crash_loop_back_off()
    {
        await using var sim = await Sim.StartAsync(new SimulatedMemberOptions { PodStartupDelay = TimeSpan.FromMilliseconds(20) });
        using var http = new HttpClient { BaseAddress = sim.Cluster.Url };
        Assert.Equal(HttpStatusCode.OK, (await Post(http, """{"image":"web:2","crash":true}""")).StatusCode);
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 1, image: "web:2"), "default");

        var pods = await Eventually.WaitAsync(
            () => sim.Client.CoreV1.ListNamespacedPodAsync("default"),
            p => p.Items.Any(x => x.Status.ContainerStatuses?[0].RestartCount >= 2),
            "the container restarts again and again");
        var status = pods.Items.Single().Status.ContainerStatuses[0];
        Assert.Equal("CrashLoopBackOff", status.State.Waiting?.Reason);
        Assert.False(status.Ready);
        Assert.Equal(0, sim.Cluster.ReadyReplicas("default", "web"));
    }

    [Fact]
    public async Task An_image_fault_without_an_image_is_refused()
    {
        await using var sim = await Sim.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.Cluster.Url };

        Assert.Equal(HttpStatusCode.BadRequest, (await Post(http, """{"crash":true}""")).StatusCode);
    }

    private static Task<HttpResponseMessage> Post(HttpClient http, string json) =>
        http.PostAsync("/_sim/images", new StringContent(json, Encoding.UTF8, "application/json"));
}
