using k8s;
using k8s.Models;

namespace Federation.Members.Tests.Simulation;

public sealed class SelectorTests
{
    public static TheoryData<string, string[]> Selectors => new()
    {
        { "tier=front", ["a", "b"] },
        { "tier==front", ["a", "b"] },
        { "tier!=front", ["c", "d"] },
        { "tier in (front,back)", ["a", "b", "c"] },
        { "tier notin (front)", ["c", "d"] },
        { "tier", ["a", "b", "c"] },
        { "!tier", ["d"] },
        { "tier=front,env=prod", ["a"] },
        { "", ["a", "b", "c", "d"] },
    };

    [Theory]
    [MemberData(nameof(Selectors))]
    public async Task Label_selector_lists_only_matching_deployments(string selector, string[] expected)
    {
        await using var sim = await Sim.StartAsync(new Federation.Members.Simulation.SimulatedMemberOptions { PodStartupDelay = TimeSpan.FromHours(1) });
        foreach (var (name, labels) in new[]
        {
            ("a", new Dictionary<string, string> { ["tier"] = "front", ["env"] = "prod" }),
            ("b", new Dictionary<string, string> { ["tier"] = "front" }),
            ("c", new Dictionary<string, string> { ["tier"] = "back" }),
            ("d", new Dictionary<string, string>()),
        })
        {
            var d = Sim.Deployment(name, 0);
            foreach (var (k, v) in labels)
            {
                d.Metadata.Labels[k] = v;
            }

            await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(d, "default");
        }

        var namespaced = await sim.Client.AppsV1.ListNamespacedDeploymentAsync("default", labelSelector: selector);
        Assert.Equal(expected, namespaced.Items.Select(d => d.Metadata.Name));
        var all = await sim.Client.AppsV1.ListDeploymentForAllNamespacesAsync(labelSelector: selector);
        Assert.Equal(expected, all.Items.Select(d => d.Metadata.Name));
    }

    [Fact]
    public async Task Field_selector_finds_pods_by_node_and_phase()
    {
        await using var sim = await Sim.StartAsync(new Federation.Members.Simulation.SimulatedMemberOptions { Nodes = 1, NodeMilliCpu = 250, PodStartupDelay = TimeSpan.FromMilliseconds(20) });
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 3), "default");
        await Eventually.WaitAsync(
            async () => (await sim.Client.CoreV1.ListNamespacedPodAsync("default", fieldSelector: "status.phase=Running")).Items.Count,
            n => n == 2,
            "two running pods");
        var pending = await sim.Client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: "spec.nodeName=");
        var pod = Assert.Single(pending.Items);
        Assert.Equal("Pending", pod.Status.Phase);
        var onNode = await sim.Client.CoreV1.ListNamespacedPodAsync("default", fieldSelector: "spec.nodeName=member-node-1");
        Assert.Equal(2, onNode.Items.Count);
    }
}
