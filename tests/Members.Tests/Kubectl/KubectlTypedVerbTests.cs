using Federation.Members.Tests.Simulation;

namespace Federation.Members.Tests.Kubectl;

/// <summary>kubectl's typed verbs send protobuf bodies; the simulator reads them.</summary>
public sealed class KubectlTypedVerbTests
{
    [Fact]
    public async Task Create_deployment_sends_protobuf_and_the_deployment_runs()
    {
        await using var sim = await Sim.StartAsync();
        using var kubectl = new Kubectl(sim.Cluster);

        var created = await kubectl.RunAsync("create", "deployment", "web", "--image=nginx:1.27", "--replicas=3", "--port=8080");
        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Contains("deployment.apps/web created", created.Output, StringComparison.Ordinal);
        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "web") == 3, "3 ready");

        var d = await sim.ReadAsync("web");
        Assert.Equal("web", d.Spec.Selector.MatchLabels["app"]);
        var container = Assert.Single(d.Spec.Template.Spec.Containers);
        Assert.Equal(("nginx", "nginx:1.27", 8080), (container.Name, container.Image, container.Ports.Single().ContainerPort));
        Assert.Equal("kubectl-create", d.Metadata.ManagedFields.Single().Manager);
    }

    [Fact]
    public async Task Create_deployment_with_zero_replicas_keeps_zero()
    {
        await using var sim = await Sim.StartAsync();
        using var kubectl = new Kubectl(sim.Cluster);
        var created = await kubectl.RunAsync("create", "deployment", "idle", "--image=nginx", "--replicas=0");
        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Equal(0, (await sim.ReadAsync("idle")).Spec.Replicas);
    }

    [Fact]
    public async Task Create_namespace_then_a_deployment_in_it()
    {
        await using var sim = await Sim.StartAsync();
        using var kubectl = new Kubectl(sim.Cluster);
        var ns = await kubectl.RunAsync("create", "namespace", "shop");
        Assert.True(ns.ExitCode == 0, ns.Error);
        Assert.Contains("namespace/shop created", ns.Output, StringComparison.Ordinal);
        var created = await kubectl.RunAsync("create", "deployment", "cart", "--image=nginx", "-n", "shop");
        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Equal(1, sim.Cluster.SpecReplicas("shop", "cart"));
    }
}
