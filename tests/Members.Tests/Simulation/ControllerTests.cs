using Federation.Members.Simulation;
using k8s;
using k8s.Models;

namespace Federation.Members.Tests.Simulation;

public sealed class ControllerTests
{
    [Fact]
    public async Task Pods_become_ready_only_when_the_injected_clock_passes_the_startup_delay()
    {
        var time = new ManualTime();
        await using var sim = await Sim.StartAsync(new SimulatedMemberOptions { PodStartupDelay = TimeSpan.FromSeconds(30), Time = time });
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 2), "default");
        var starting = await Eventually.WaitAsync(() => sim.ReadAsync("web"), d => d.Status?.Replicas == 2, "pods created");
        Assert.Null(starting.Status.ReadyReplicas);
        Assert.Equal(2, starting.Status.UnavailableReplicas);
        Assert.Contains(starting.Status.Conditions, c => c.Type == "Available" && c.Status == "False");
        var pods = await sim.Client.CoreV1.ListNamespacedPodAsync("default");
        Assert.All(pods.Items, p => Assert.Equal("Pending", p.Status.Phase));
        Assert.All(pods.Items, p => Assert.NotNull(p.Spec.NodeName));

        time.Advance(TimeSpan.FromSeconds(29));
        await Task.Yield();
        Assert.Equal(0, sim.Cluster.ReadyReplicas("default", "web"));

        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "web") == 2, "ready after the delay");
    }

    [Fact]
    public async Task A_cordoned_node_takes_no_new_pod_and_takes_them_again_once_uncordoned()
    {
        await using var sim = await Sim.StartAsync(new SimulatedMemberOptions { Nodes = 1, PodStartupDelay = TimeSpan.FromMilliseconds(20) });
        var node = (await sim.Client.CoreV1.ListNodeAsync()).Items.Single().Metadata.Name;
        await sim.Client.CoreV1.PatchNodeAsync(new V1Patch("{\"spec\":{\"unschedulable\":true}}", V1Patch.PatchType.MergePatch), node);

        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 1), "default");
        var pending = await Eventually.WaitAsync(
            async () => (await sim.Client.CoreV1.ListNamespacedPodAsync("default")).Items.SingleOrDefault(),
            p => p?.Status?.Conditions?.Any(c => c.Reason == "Unschedulable") == true,
            "the pod left unscheduled");
        Assert.Null(pending!.Spec.NodeName);
        Assert.Contains("1 node(s) were unschedulable", pending.Status.Conditions.Single().Message, StringComparison.Ordinal);
        Assert.True((await sim.Client.CoreV1.ReadNodeAsync(node)).Spec.Unschedulable);

        await sim.Client.CoreV1.PatchNodeAsync(new V1Patch("{\"spec\":{\"unschedulable\":null}}", V1Patch.PatchType.MergePatch), node);
        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "web") == 1, "the pod scheduled and ready once the node is uncordoned");
    }

    [Fact]
    public async Task Pods_that_do_not_fit_stay_pending_and_schedule_when_a_node_is_added()
    {
        await using var sim = await Sim.StartAsync(new SimulatedMemberOptions { Nodes = 1, NodeMilliCpu = 1000, PodStartupDelay = TimeSpan.FromMilliseconds(20) });
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 3, cpu: "400m"), "default");
        var partial = await Eventually.WaitAsync(() => sim.ReadAsync("web"), d => d.Status?.ReadyReplicas == 2, "two pods fit");
        Assert.Equal(3, partial.Status.Replicas);
        Assert.Equal(1, partial.Status.UnavailableReplicas);

        var pending = (await sim.Client.CoreV1.ListNamespacedPodAsync("default")).Items.Single(p => p.Spec.NodeName is null);
        Assert.Equal("Pending", pending.Status.Phase);
        var scheduled = Assert.Single(pending.Status.Conditions);
        Assert.Equal(("PodScheduled", "False", "Unschedulable"), (scheduled.Type, scheduled.Status, scheduled.Reason));
        Assert.Contains("Insufficient cpu", scheduled.Message, StringComparison.Ordinal);

        sim.Cluster.AddNode("big", 2000, 4L << 30);
        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "web") == 3, "the pending pod runs on the new node");
        var pod = await sim.Client.CoreV1.ReadNamespacedPodAsync(pending.Metadata.Name, "default");
        Assert.Equal("big", pod.Spec.NodeName);
    }

    [Fact]
    public async Task Pending_pod_schedules_when_another_deployment_frees_room()
    {
        await using var sim = await Sim.StartAsync(new SimulatedMemberOptions { Nodes = 1, NodeMilliCpu = 1000, PodStartupDelay = TimeSpan.FromMilliseconds(20) });
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("hog", 1, cpu: "800m"), "default");
        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "hog") == 1, "hog ready");
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 1, cpu: "500m"), "default");
        await Eventually.WaitAsync(() => sim.ReadAsync("web"), d => d.Status?.Replicas == 1, "web pod created");
        Assert.Equal(0, sim.Cluster.ReadyReplicas("default", "web"));

        await sim.Client.AppsV1.DeleteNamespacedDeploymentAsync("hog", "default");
        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "web") == 1, "web runs once hog is gone");
    }

    [Fact]
    public async Task Node_not_ready_makes_its_pods_unready_and_ready_again_restores_them()
    {
        await using var sim = await Sim.StartAsync(new SimulatedMemberOptions { Nodes = 1, PodStartupDelay = TimeSpan.FromMilliseconds(20) });
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 2), "default");
        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "web") == 2, "web ready");

        sim.Cluster.SetNodeReady("member-node-1", false);
        var degraded = await Eventually.WaitAsync(() => sim.ReadAsync("web"), d => (d.Status?.ReadyReplicas ?? 0) == 0, "ready replicas to drop");
        Assert.Contains(degraded.Status.Conditions, c => c.Type == "Available" && c.Status == "False");
        var node = await sim.Client.CoreV1.ReadNodeAsync("member-node-1");
        Assert.Contains(node.Status.Conditions, c => c.Type == "Ready" && c.Status != "True");
        var pods = await sim.Client.CoreV1.ListNamespacedPodAsync("default");
        Assert.All(pods.Items, p => Assert.Contains(p.Status.Conditions, c => c.Type == "Ready" && c.Status == "False"));

        sim.Cluster.SetNodeReady("member-node-1", true);
        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "web") == 2, "ready again");
    }

    [Fact]
    public async Task Removing_a_node_deletes_its_pods_and_the_deployment_recreates_them_elsewhere()
    {
        await using var sim = await Sim.StartAsync(new SimulatedMemberOptions { Nodes = 2, PodStartupDelay = TimeSpan.FromMilliseconds(20) });
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 3), "default");
        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "web") == 3, "web ready");
        var before = (await sim.Client.CoreV1.ListNamespacedPodAsync("default")).Items;
        Assert.All(before, p => Assert.Equal("member-node-1", p.Spec.NodeName));

        sim.Cluster.RemoveNode("member-node-1");
        var after = await Eventually.WaitAsync(
            async () => (await sim.Client.CoreV1.ListNamespacedPodAsync("default")).Items,
            pods => pods.Count == 3 && pods.All(p => p.Spec.NodeName == "member-node-2" && p.Status.Phase == "Running"),
            "pods recreated on the other node");
        Assert.Empty(after.Select(p => p.Metadata.Name).Intersect(before.Select(p => p.Metadata.Name)));
        Assert.DoesNotContain((await sim.Client.CoreV1.ListNodeAsync()).Items, n => n.Metadata.Name == "member-node-1");
        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "web") == 3, "web ready again");
    }

    [Fact]
    public async Task Unhealthy_deployment_never_becomes_ready_until_healed()
    {
        await using var sim = await Sim.StartAsync();
        sim.Cluster.SetDeploymentUnhealthy("default", "web", true);
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 2), "default");
        await Eventually.WaitAsync(
            async () => (await sim.Client.CoreV1.ListNamespacedPodAsync("default")).Items,
            pods => pods.Count == 2 && pods.All(p => p.Status.Phase == "Running"),
            "pods running");
        Assert.Equal(0, sim.Cluster.ReadyReplicas("default", "web"));

        sim.Cluster.SetDeploymentUnhealthy("default", "web", false);
        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "web") == 2, "ready once healed");
    }

    [Fact]
    public async Task Scale_down_removes_pending_pods_first()
    {
        await using var sim = await Sim.StartAsync(new SimulatedMemberOptions { Nodes = 1, NodeMilliCpu = 1000, PodStartupDelay = TimeSpan.FromMilliseconds(20) });
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 4, cpu: "400m"), "default");
        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "web") == 2, "two running");
        var running = (await sim.Client.CoreV1.ListNamespacedPodAsync("default")).Items.Where(p => p.Spec.NodeName is not null).Select(p => p.Metadata.Name).ToHashSet();

        await sim.Client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":2}}""", V1Patch.PatchType.MergePatch), "web", "default");
        var left = await Eventually.WaitAsync(
            async () => (await sim.Client.CoreV1.ListNamespacedPodAsync("default")).Items,
            pods => pods.Count == 2,
            "scaled to 2");
        Assert.Equal(running, left.Select(p => p.Metadata.Name).ToHashSet());
    }

    [Fact]
    public async Task Rollout_of_a_new_image_replaces_pods_and_keeps_status_consistent()
    {
        await using var sim = await Sim.StartAsync(new SimulatedMemberOptions { PodStartupDelay = TimeSpan.FromMilliseconds(60) });
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 4), "default");
        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "web") == 4, "web ready");
        var rv = (await sim.ReadAsync("web")).Metadata.ResourceVersion;

        var statuses = new List<V1Deployment>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var watching = Task.Run(async () =>
        {
            await foreach (var (_, d) in sim.Client.AppsV1.WatchListNamespacedDeploymentAsync("default", resourceVersion: rv, cancellationToken: cts.Token))
            {
                statuses.Add(d);
                var s = d.Status;
                if (d.Metadata.Generation == 2 && s?.ObservedGeneration == 2 && s.UpdatedReplicas == 4 && s.Replicas == 4 && s.AvailableReplicas == 4)
                {
                    return;
                }
            }
        });

        await sim.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"main","image":"nginx:2"}]}}}}""", V1Patch.PatchType.StrategicMergePatch), "web", "default");
        await watching.WaitAsync(cts.Token);

        // maxSurge 25% of 4 = 1, maxUnavailable 25% of 4 = 1: never more than 5 pods, never fewer than 3 available.
        foreach (var s in statuses.Select(d => d.Status).Where(s => s is not null))
        {
            Assert.InRange(s.Replicas ?? 0, 0, 5);
            Assert.InRange(s.AvailableReplicas ?? 0, 3, 5);
            Assert.InRange(s.UpdatedReplicas ?? 0, 0, s.Replicas ?? 0);
            Assert.Equal(Math.Max(0, (s.Replicas ?? 0) - (s.AvailableReplicas ?? 0)), s.UnavailableReplicas ?? 0);
        }

        Assert.Contains(statuses, d => d.Status?.Conditions?.Any(c => c.Type == "Progressing" && c.Reason == "ReplicaSetUpdated") == true);
        var done = statuses[^1];
        Assert.Contains(done.Status.Conditions, c => c.Type == "Progressing" && c.Reason == "NewReplicaSetAvailable");
        var pods = (await sim.Client.CoreV1.ListNamespacedPodAsync("default")).Items;
        Assert.Equal(4, pods.Count);
        Assert.All(pods, p => Assert.Equal("nginx:2", p.Spec.Containers[0].Image));
        Assert.Single(pods.Select(p => p.Metadata.Labels["pod-template-hash"]).Distinct());
    }

    [Fact]
    public async Task Rollout_without_progress_reports_ProgressDeadlineExceeded_after_the_deadline()
    {
        var time = new ManualTime();
        await using var sim = await Sim.StartAsync(new SimulatedMemberOptions { PodStartupDelay = TimeSpan.FromSeconds(1), Time = time });
        sim.Cluster.SetDeploymentUnhealthy("default", "web", true);
        var d = Sim.Deployment("web", 2);
        d.Spec.ProgressDeadlineSeconds = 60;
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(d, "default");
        await Eventually.WaitAsync(() => sim.ReadAsync("web"), x => x.Status?.Replicas == 2, "pods created");
        time.Advance(TimeSpan.FromSeconds(1));
        await Eventually.WaitAsync(
            async () => (await sim.Client.CoreV1.ListNamespacedPodAsync("default")).Items,
            pods => pods.All(p => p.Status.Phase == "Running"),
            "pods running but unready");
        var before = await sim.ReadAsync("web");
        Assert.Contains(before.Status.Conditions, c => c.Type == "Progressing" && c.Status == "True");

        time.Advance(TimeSpan.FromSeconds(60));
        var stuck = await Eventually.WaitAsync(
            () => sim.ReadAsync("web"),
            x => x.Status.Conditions.Any(c => c.Type == "Progressing" && c.Status == "False"),
            "the progress deadline to pass");
        Assert.Contains(stuck.Status.Conditions, c => c.Reason == "ProgressDeadlineExceeded");

        sim.Cluster.SetDeploymentUnhealthy("default", "web", false);
        var healed = await Eventually.WaitAsync(() => sim.ReadAsync("web"), x => x.Status?.ReadyReplicas == 2, "ready once healed");
        Assert.Contains(healed.Status.Conditions, c => c.Type == "Progressing" && c.Status == "True" && c.Reason == "NewReplicaSetAvailable");
    }

    [Theory]
    [InlineData(1, "RollingUpdate")]
    [InlineData(2, "RollingUpdate")]
    [InlineData(3, "RollingUpdate")]
    [InlineData(3, "Recreate")]
    public async Task Rollout_finishes_for_any_replica_count_and_strategy(int replicas, string strategy)
    {
        await using var sim = await Sim.StartAsync();
        var d = Sim.Deployment("web", replicas);
        d.Spec.Strategy = new V1DeploymentStrategy { Type = strategy };
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(d, "default");
        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "web") == replicas, "web ready");

        await sim.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"main","image":"nginx:2"}]}}}}""", V1Patch.PatchType.StrategicMergePatch), "web", "default");
        var done = await Eventually.WaitAsync(
            () => sim.ReadAsync("web"),
            x => x.Status?.ObservedGeneration == 2 && x.Status.UpdatedReplicas == replicas && x.Status.Replicas == replicas && x.Status.AvailableReplicas == replicas,
            $"the rollout of {replicas} replicas to finish");
        Assert.Contains(done.Status.Conditions, c => c.Type == "Progressing" && c.Reason == "NewReplicaSetAvailable");
        var pods = (await sim.Client.CoreV1.ListNamespacedPodAsync("default")).Items;
        Assert.Equal(replicas, pods.Count);
        Assert.All(pods, p => Assert.Equal("nginx:2", p.Spec.Containers[0].Image));
    }

    [Fact]
    public async Task Deleting_a_pod_makes_the_deployment_replace_it()
    {
        await using var sim = await Sim.StartAsync();
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 1), "default");
        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "web") == 1, "web ready");
        var pod = Assert.Single((await sim.Client.CoreV1.ListNamespacedPodAsync("default")).Items);
        await sim.Client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, "default");
        var replacement = await Eventually.WaitAsync(
            async () => (await sim.Client.CoreV1.ListNamespacedPodAsync("default")).Items,
            pods => pods.Count == 1 && pods[0].Metadata.Name != pod.Metadata.Name && pods[0].Status.Phase == "Running",
            "a replacement pod");
        Assert.NotNull(replacement);
    }

    [Fact]
    public async Task Nodes_report_capacity_allocatable_and_ready_condition()
    {
        await using var sim = await Sim.StartAsync(new SimulatedMemberOptions { Nodes = 2, NodeMilliCpu = 8000, NodeMemoryBytes = 16L << 30 });
        var nodes = (await sim.Client.CoreV1.ListNodeAsync()).Items;
        Assert.Equal(["member-node-1", "member-node-2"], nodes.Select(n => n.Metadata.Name));
        Assert.All(nodes, n =>
        {
            Assert.Equal(8m, n.Status.Capacity["cpu"].ToDecimal());
            Assert.Equal(16m * 1024 * 1024 * 1024, n.Status.Allocatable["memory"].ToDecimal());
            Assert.Contains(n.Status.Conditions, c => c.Type == "Ready" && c.Status == "True");
        });
    }
}
