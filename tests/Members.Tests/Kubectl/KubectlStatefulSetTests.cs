using k8s;
using k8s.Models;
using Federation.Members.Tests.Simulation;

namespace Federation.Members.Tests.Kubectl;

public sealed class KubectlStatefulSetTests
{
    private const string Manifest = """
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: db
        spec:
          replicas: 3
          ordinals: {start: 1}
          serviceName: db
          selector:
            matchLabels: {app: db}
          template:
            metadata:
              labels: {app: db}
            spec:
              containers:
              - name: pg
                image: postgres:16
        """;

    [Fact]
    public async Task Pods_are_named_by_ordinal_created_in_order_updated_above_the_partition_and_scaled_down_from_the_top()
    {
        await using var sim = await Sim.StartAsync();
        using var kubectl = new Kubectl(sim.Cluster);
        var applied = await kubectl.RunAsync("apply", "-f", kubectl.WriteFile("db.yaml", Manifest));
        Assert.True(applied.ExitCode == 0, applied.Error);

        var pods = await Eventually.WaitAsync(() => sim.Client.CoreV1.ListNamespacedPodAsync("default"), l => l.Items.Count == 3 && l.Items.All(Ready), "three ready pods");
        Assert.Equal(["db-1", "db-2", "db-3"], pods.Items.Select(p => p.Metadata.Name));
        for (var i = 1; i < 3; i++)
        {
            // OrderedReady: each pod is created only once the one before it is Ready.
            Assert.True(pods.Items[i].Metadata.CreationTimestamp >= ReadySince(pods.Items[i - 1]), $"{pods.Items[i].Metadata.Name} before its predecessor was ready");
        }

        Assert.Equal("StatefulSet", pods.Items[0].Metadata.OwnerReferences.Single().Kind);
        Assert.Matches(@"\ndb\s+3/3\s+\d+s", (await kubectl.RunAsync("get", "statefulsets")).Output);

        var patched = await kubectl.RunAsync("patch", "statefulset", "db", "-p",
            """{"spec":{"updateStrategy":{"rollingUpdate":{"partition":1}},"template":{"spec":{"containers":[{"name":"pg","image":"postgres:17"}]}}}}""");
        Assert.True(patched.ExitCode == 0, patched.Error);
        pods = await Eventually.WaitAsync(() => sim.Client.CoreV1.ListNamespacedPodAsync("default"),
            l => l.Items.Count == 3 && l.Items.All(Ready) && l.Items.Count(p => p.Spec.Containers[0].Image == "postgres:17") == 2, "two pods updated");
        Assert.Equal(["postgres:16", "postgres:17", "postgres:17"], pods.Items.Select(p => p.Spec.Containers[0].Image));
        var status = (await sim.Client.AppsV1.ReadNamespacedStatefulSetAsync("db", "default")).Status;
        Assert.Equal((3, 2, 1), (status.ReadyReplicas, status.UpdatedReplicas, status.CurrentReplicas));

        var scaled = await kubectl.RunAsync("scale", "statefulset", "db", "--replicas=1");
        Assert.True(scaled.ExitCode == 0, scaled.Error);
        pods = await Eventually.WaitAsync(() => sim.Client.CoreV1.ListNamespacedPodAsync("default"), l => l.Items.Count == 1, "scaled to one");
        Assert.Equal("db-1", pods.Items.Single().Metadata.Name);
    }

    [Fact]
    public async Task Deleting_the_last_statefulset_of_a_namespace_deletes_its_pods()
    {
        await using var sim = await Sim.StartAsync();
        using var kubectl = new Kubectl(sim.Cluster);
        Assert.Equal(0, (await kubectl.RunAsync("apply", "-f", kubectl.WriteFile("db.yaml", Manifest.Replace("replicas: 3", "replicas: 2", StringComparison.Ordinal)))).ExitCode);
        await Eventually.WaitAsync(() => sim.Client.CoreV1.ListNamespacedPodAsync("default"), l => l.Items.Count == 2, "two pods");

        var deleted = await kubectl.RunAsync("delete", "statefulset", "db");
        Assert.True(deleted.ExitCode == 0, deleted.Error);
        await Eventually.WaitAsync(() => sim.Client.CoreV1.ListNamespacedPodAsync("default"), l => l.Items.Count == 0, "no pods left");
    }

    private static bool Ready(V1Pod pod) => pod.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;

    private static DateTime? ReadySince(V1Pod pod) => pod.Status.Conditions.Single(c => c.Type == "Ready").LastTransitionTime;
}
