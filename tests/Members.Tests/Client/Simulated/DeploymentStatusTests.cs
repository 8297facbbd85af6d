using Federation.Members.Client;
using Federation.Members.Simulation;
using Federation.Workloads;

namespace Federation.Members.Tests.Client.Simulated;

public sealed class DeploymentStatusTests : IAsyncLifetime
{
    private SimulatedMember _member = null!;

    public async Task InitializeAsync() =>
        _member = await SimulatedMember.StartAsync("status-member", new SimulatedMemberOptions { PodStartupDelay = TimeSpan.FromSeconds(1) });

    public async Task DisposeAsync() => await _member.DisposeAsync();

    [Fact]
    public async Task Status_reports_ready_replicas_only_after_the_startup_delay()
    {
        var client = _member.Client();
        await client.EnsureNamespaceAsync("shop");

        var applied = await client.ApplyDeploymentAsync(new DeploymentApply("shop", "web", "shop/web", 2, WorkloadTemplate.Parse(Templates.Web())));
        var ready = await Eventually.Until(() => client.GetDeploymentAsync("shop", "web"),
            s => s is { ReadyReplicas: 2, AvailableReplicas: 2, UpdatedReplicas: 2 }, "two ready replicas");

        Assert.Equal(0, applied.ReadyReplicas);
        Assert.Equal(2, ready!.Replicas);
        Assert.Equal(0, ready.UnavailableReplicas);
        Assert.Equal(ready.Generation, ready.ObservedGeneration);
        Assert.Contains(ready.Conditions, c => c is { Type: "Available", Status: "True" });
    }

    [Fact]
    public async Task Status_keeps_an_unhealthy_deployment_unready_while_a_healthy_one_becomes_ready()
    {
        var client = _member.Client();
        await client.EnsureNamespaceAsync("clinic");
        await client.ApplyDeploymentAsync(new DeploymentApply("clinic", "sick", "clinic/sick", 2, WorkloadTemplate.Parse(Templates.Web(name: "sick"))));
        _member.Cluster.SetDeploymentUnhealthy("clinic", "sick", true);
        await client.ApplyDeploymentAsync(new DeploymentApply("clinic", "well", "clinic/well", 2, WorkloadTemplate.Parse(Templates.Web(name: "well"))));

        // The healthy one, started after the sick one, being ready proves the start-up delay has passed for both.
        await Eventually.Until(() => client.GetDeploymentAsync("clinic", "well"), s => s?.ReadyReplicas == 2, "the healthy deployment ready");
        var sick = await client.GetDeploymentAsync("clinic", "sick");

        Assert.Equal((2, 0, 2), (sick!.Replicas, sick.ReadyReplicas, sick.UnavailableReplicas));
        Assert.Equal(0, _member.Cluster.ReadyReplicas("clinic", "sick"));
    }
}
