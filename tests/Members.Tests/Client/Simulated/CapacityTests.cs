using Federation.Members.Client;
using Federation.Members.Simulation;
using Federation.Workloads;

namespace Federation.Members.Tests.Client.Simulated;

public sealed class CapacityTests : IAsyncLifetime
{
    private SimulatedMember _member = null!;

    public async Task InitializeAsync() => _member = await SimulatedMember.StartAsync(
        "sized", new SimulatedMemberOptions { Nodes = 3, NodeMilliCpu = 4000, NodeMemoryBytes = 8L << 30 });

    public async Task DisposeAsync() => await _member.DisposeAsync();

    [Fact]
    public async Task Capacity_starts_with_every_node_allocatable()
    {
        var capacity = await _member.Client().GetCapacityAsync();

        Assert.Equal(3, capacity.ReadyNodes.Count());
        Assert.Equal(12000, capacity.FreeMilliCpu);
        Assert.Equal(24L << 30, capacity.FreeMemoryBytes);
    }

    [Fact]
    public async Task Capacity_shrinks_by_the_requests_of_scheduled_pods()
    {
        var client = _member.Client();
        await client.EnsureNamespaceAsync("shop");

        await client.ApplyDeploymentAsync(new DeploymentApply("shop", "web", "shop/web", 4, WorkloadTemplate.Parse(Templates.Web(cpu: "500m", memory: "1Gi"))));
        var capacity = await Eventually.Until(() => client.GetCapacityAsync(), c => c.FreeMilliCpu == 10000, "all four pods scheduled");

        Assert.Equal((24L << 30) - (4L << 30), capacity.FreeMemoryBytes);
        Assert.Equal(2000, capacity.Nodes.Sum(n => n.RequestedMilliCpu));
        Assert.Equal(capacity.FreeMilliCpu, capacity.Nodes.Sum(n => n.FreeMilliCpu));
    }

    [Fact]
    public async Task Capacity_drops_a_node_that_goes_NotReady_and_gains_an_added_node()
    {
        var client = _member.Client();
        var before = await client.GetCapacityAsync();
        var victim = before.Nodes[0].Name;

        _member.Cluster.SetNodeReady(victim, false);
        var degraded = await client.GetCapacityAsync();
        _member.Cluster.AddNode("extra", 2000, 4L << 30);
        var grown = await client.GetCapacityAsync();

        Assert.False(degraded.Nodes.Single(n => n.Name == victim).Ready);
        Assert.Equal(8000, degraded.FreeMilliCpu);
        Assert.Equal(10000, grown.FreeMilliCpu);
        Assert.Contains(grown.Nodes, n => n is { Name: "extra", Ready: true, AllocatableMilliCpu: 2000 });
    }
}
