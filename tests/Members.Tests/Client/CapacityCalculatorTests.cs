using Federation.Members.Client;
using System.Text.Json;
using k8s;
using k8s.Models;

namespace Federation.Members.Tests.Client;

public sealed class CapacityCalculatorTests
{
    private static V1Node Node(string name, string cpu, string memory, bool ready = true, bool unschedulable = false) => new()
    {
        Metadata = new V1ObjectMeta { Name = name },
        Spec = new V1NodeSpec { Unschedulable = unschedulable },
        Status = new V1NodeStatus
        {
            Allocatable = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new(memory) },
            Conditions = [new V1NodeCondition { Type = "Ready", Status = ready ? "True" : "False" }],
        },
    };

    // Each pod as a capacity read sees it: written as a member would answer it, read into the small model.
    private static PodUsage Pod(string? node, string phase, params (string Cpu, string Memory)[] containers) => AsRead<PodUsage>(new V1Pod
    {
        Metadata = new V1ObjectMeta { Name = Guid.NewGuid().ToString("N") },
        Spec = new V1PodSpec
        {
            NodeName = node,
            Containers = containers.Select((c, i) => new V1Container
            {
                Name = $"c{i}",
                Resources = new V1ResourceRequirements
                {
                    Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(c.Cpu), ["memory"] = new(c.Memory) },
                },
            }).ToList(),
        },
        Status = new V1PodStatus { Phase = phase },
    });

    private static T AsRead<T>(object model) => JsonSerializer.Deserialize<T>(KubernetesJson.Serialize(model), NegativeQuantities.Options)!;

    [Fact]
    public void Free_capacity_is_allocatable_minus_requests_of_live_pods_on_each_node()
    {
        var capacity = CapacityCalculator.Compute(
            [Node("n1", "4", "8Gi"), Node("n2", "2000m", "4Gi")],
            [
                Pod("n1", "Running", ("500m", "1Gi"), ("250m", "512Mi")),
                Pod("n1", "Pending", ("1", "1Gi")),
                Pod("n2", "Succeeded", ("2", "4Gi")), // finished: holds nothing
                Pod("n2", "Failed", ("2", "4Gi")),
                Pod(null, "Pending", ("3", "1Gi")),   // unscheduled: on no node
            ]);

        Assert.Equal(new NodeResources("n1", true, 4000, 8L << 30, 1750, (2L << 30) + (512L << 20)) { RunningPods = 2 }, capacity.Nodes[0]);
        Assert.Equal(new NodeResources("n2", true, 2000, 4L << 30, 0, 0), capacity.Nodes[1]);
        Assert.Equal(2250 + 2000, capacity.FreeMilliCpu);
    }

    [Fact]
    public void NotReady_and_cordoned_nodes_do_not_count_toward_free_capacity()
    {
        var capacity = CapacityCalculator.Compute(
            [Node("a", "4", "8Gi"), Node("b", "4", "8Gi", ready: false), Node("c", "4", "8Gi", unschedulable: true)], []);

        Assert.Equal(["a"], capacity.ReadyNodes.Select(n => n.Name));
        Assert.Equal(4000, capacity.FreeMilliCpu);
    }

    [Fact]
    public void Limits_stand_in_for_missing_requests_and_init_containers_take_the_maximum()
    {
        var spec = new V1PodSpec
        {
            Containers =
            [
                new V1Container { Name = "a", Resources = new V1ResourceRequirements { Limits = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("300m") } } },
                new V1Container { Name = "b", Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("200m"), ["memory"] = new("1Gi") } } },
            ],
            InitContainers =
            [
                new V1Container { Name = "i", Resources = new V1ResourceRequirements { Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new("100m"), ["memory"] = new("2Gi") } } },
            ],
        };

        Assert.Equal((500L, 2L << 30), CapacityCalculator.PodRequests(AsRead<PodUsageSpec>(spec)));
    }

    [Fact]
    public void Pod_slots_are_the_node_pod_limit_less_its_live_pods()
    {
        var small = Node("n1", "8", "16Gi");
        small.Status.Allocatable["pods"] = new ResourceQuantity("3");

        var capacity = CapacityCalculator.Compute(
            [small, Node("n2", "8", "16Gi")],
            [Pod("n1", "Running", ("10m", "8Mi")), Pod("n1", "Pending", ("10m", "8Mi")), Pod("n1", "Succeeded", ("10m", "8Mi")), Pod("n2", "Running", ("10m", "8Mi"))]);

        Assert.Equal((3L, 2L, 1L), (capacity.Nodes[0].AllocatablePods, capacity.Nodes[0].RunningPods, capacity.Nodes[0].FreePods));
        Assert.Equal((110L, 109L), (capacity.Nodes[1].AllocatablePods, capacity.Nodes[1].FreePods));
    }
}
