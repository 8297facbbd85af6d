using k8s;
using System.Text.RegularExpressions;
using Federation.Members.Tests.Simulation;

namespace Federation.Members.Tests.Kubectl;

/// <summary>The companion kinds with the stock kubectl: typed create verbs (protobuf), get columns, describe, events, logs, top.</summary>
public sealed class KubectlKindsTests
{
    [Fact]
    public async Task Create_configmap_secret_serviceaccount_and_get_their_columns()
    {
        await using var sim = await Sim.StartAsync();
        using var kubectl = new Kubectl(sim.Cluster);
        foreach (var args in new[]
        {
            new[] { "create", "configmap", "cfg", "--from-literal=a=1", "--from-literal=b=2" },
            ["create", "secret", "generic", "pw", "--from-literal=password=hunter2"],
            ["create", "serviceaccount", "robot"],
        })
        {
            var created = await kubectl.RunAsync(args);
            Assert.True(created.ExitCode == 0, created.Error);
        }

        var get = await kubectl.RunAsync("get", "configmaps,secrets,serviceaccounts");
        Assert.True(get.ExitCode == 0, get.Error);
        Assert.Matches(@"configmap/cfg\s+2\s+\d+s", get.Output);
        Assert.Matches(@"secret/pw\s+Opaque\s+1\s+\d+s", get.Output);
        Assert.Matches(@"serviceaccount/robot\s+0\s+\d+s", get.Output);

        var secret = await sim.Client.CoreV1.ReadNamespacedSecretAsync("pw", "default");
        Assert.Equal("hunter2", System.Text.Encoding.UTF8.GetString(secret.Data["password"]));
    }

    [Fact]
    public async Task Expose_allocates_a_cluster_ip_and_create_service_nodeport_a_node_port()
    {
        await using var sim = await Sim.StartAsync();
        using var kubectl = new Kubectl(sim.Cluster);
        Assert.Equal(0, (await kubectl.RunAsync("create", "deployment", "web", "--image=nginx", "--port=80")).ExitCode);
        var exposed = await kubectl.RunAsync("expose", "deployment", "web", "--port=8080", "--target-port=80");
        Assert.True(exposed.ExitCode == 0, exposed.Error);
        var nodePort = await kubectl.RunAsync("create", "service", "nodeport", "np", "--tcp=80:8080");
        Assert.True(nodePort.ExitCode == 0, nodePort.Error);

        var services = await kubectl.RunAsync("get", "services", "-o", "wide");
        Assert.Matches(@"\nweb\s+ClusterIP\s+10\.96\.\d+\.\d+\s+<none>\s+8080/TCP\s+\d+s\s+app=web\n", services.Output);
        Assert.Matches(@"\nnp\s+NodePort\s+10\.96\.\d+\.\d+\s+<none>\s+80:3\d{4}/TCP", services.Output);
        var web = await sim.Client.CoreV1.ReadNamespacedServiceAsync("web", "default");
        Assert.Equal("80", web.Spec.Ports.Single().TargetPort.Value);
    }

    [Fact]
    public async Task Events_describe_logs_and_top_answer_as_a_cluster_without_metrics_server()
    {
        await using var sim = await Sim.StartAsync();
        using var kubectl = new Kubectl(sim.Cluster);
        Assert.Equal(0, (await kubectl.RunAsync("create", "deployment", "web", "--image=nginx:1.27", "--replicas=2")).ExitCode);
        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "web") == 2, "2 ready");

        var events = await kubectl.RunAsync("get", "events");
        Assert.Matches(@"Normal\s+ScalingReplicaSet\s+deployment/web\s+Scaled up replica set web-\w+ from 0 to 2", events.Output);
        Assert.Equal(2, Regex.Matches(events.Output, @"Normal\s+Scheduled\s+pod/web-").Count);

        var describe = await kubectl.RunAsync("describe", "deployment", "web");
        Assert.True(describe.ExitCode == 0, describe.Error);
        Assert.Matches(@"Normal\s+ScalingReplicaSet\s+\S+\s+deployment-controller\s+Scaled up replica set", describe.Output);

        var pod = (await kubectl.RunAsync("get", "pods", "-o", "name")).Output.Split('\n')[0];
        var describePod = await kubectl.RunAsync("describe", pod);
        Assert.Matches(@"Normal\s+Scheduled\s+\S+\s+default-scheduler\s+Successfully assigned default/web-", describePod.Output);

        var logs = await kubectl.RunAsync("logs", pod);
        Assert.True(logs.ExitCode == 0, logs.Error);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ simulated container nginx \(image nginx:1\.27\) of pod default/web-\S+ started on node member-node-\d\n$", logs.Output);

        var top = await kubectl.RunAsync("top", "pods");
        Assert.NotEqual(0, top.ExitCode);
        Assert.Contains("error: Metrics API not available", top.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_starts_a_pod_of_its_own_and_a_budget_and_endpoints_follow_the_pods()
    {
        await using var sim = await Sim.StartAsync();
        using var kubectl = new Kubectl(sim.Cluster);
        var run = await kubectl.RunAsync("run", "solo", "--image=busybox");
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal(0, (await kubectl.RunAsync("create", "deployment", "web", "--image=nginx", "--replicas=3", "--port=80")).ExitCode);
        Assert.Equal(0, (await kubectl.RunAsync("expose", "deployment", "web", "--port=8080", "--target-port=80")).ExitCode);
        var pdb = await kubectl.RunAsync("create", "pdb", "web", "--selector=app=web", "--min-available=2");
        Assert.True(pdb.ExitCode == 0, pdb.Error);
        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "web") == 3, "3 ready");

        var budget = await Eventually.WaitAsync(() => kubectl.RunAsync("get", "pdb"), r => Regex.IsMatch(r.Output, @"\nweb\s+2\s+N/A\s+1\s+\d+s"), "one disruption allowed");
        Assert.Equal(0, budget.ExitCode);
        var slices = await Eventually.WaitAsync(
            () => sim.Client.DiscoveryV1.ListNamespacedEndpointSliceAsync("default", labelSelector: "kubernetes.io/service-name=web"),
            l => l.Items.Count == 1 && l.Items[0].Endpoints?.Count(e => e.Conditions.Ready == true) == 3, "three ready endpoints");
        Assert.Equal(80, slices.Items[0].Ports.Single().Port);
        Assert.Matches(@"Endpoints:\s+(10\.244\.\d+\.\d+:80,?){3}", (await kubectl.RunAsync("describe", "service", "web")).Output);

        var solo = await sim.Client.CoreV1.ReadNamespacedPodAsync("solo", "default");
        Assert.Null(solo.Metadata.OwnerReferences);
        var deleted = await kubectl.RunAsync("delete", "pod", "solo");
        Assert.True(deleted.ExitCode == 0, deleted.Error);
        Assert.DoesNotContain("solo", (await kubectl.RunAsync("get", "pods", "-o", "name")).Output, StringComparison.Ordinal);
    }
}
