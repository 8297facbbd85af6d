using k8s.Models;

namespace Federation.Members.Client;

/// <summary>What each node can still take: allocatable minus the requests of the pods bound to it, and pod slots left under its pod limit.</summary>
internal static class CapacityCalculator
{
    public static ClusterCapacity Compute(IEnumerable<V1Node> nodes, IEnumerable<PodUsage> pods)
    {
        // 1. Sum the effective requests of live pods per node (finished pods hold nothing; unbound ones no node).
        var requested = new Dictionary<string, (long Cpu, long Memory, long Pods)>(StringComparer.Ordinal);
        foreach (var pod in pods)
        {
            var node = pod.Spec?.NodeName;
            if (string.IsNullOrEmpty(node) || pod.Status?.Phase is "Succeeded" or "Failed")
            {
                continue;
            }

            var (cpu, memory) = PodRequests(pod.Spec!);
            var sum = requested.GetValueOrDefault(node);
            requested[node] = (sum.Cpu + cpu, sum.Memory + memory, sum.Pods + 1);
        }

        // 2. One entry per node, in name order; readiness decides whether the totals count it.
        return new ClusterCapacity(nodes
            .Where(n => !string.IsNullOrEmpty(n.Metadata?.Name))
            .OrderBy(n => n.Metadata.Name, StringComparer.Ordinal)
            .Select(n =>
            {
                var allocatable = n.Status?.Allocatable ?? n.Status?.Capacity;
                var used = requested.GetValueOrDefault(n.Metadata.Name);
                return new NodeResources(
                    n.Metadata.Name,
                    IsReady(n),
                    Quantities.MilliCpu(allocatable),
                    Quantities.MemoryBytes(allocatable),
                    used.Cpu,
                    used.Memory)
                {
                    AllocatablePods = allocatable is not null && allocatable.TryGetValue("pods", out var pods) && pods is not null ? pods.ToInt64() : Federation.Capacity.CapacityMath.PodsPerNode,
                    RunningPods = used.Pods,
                };
            })
            .ToList());
    }

    /// <summary>As the scheduler counts it: the larger of the containers' sum and the largest init container (limits stand in for missing requests).</summary>
    public static (long MilliCpu, long MemoryBytes) PodRequests(PodUsageSpec spec)
    {
        long cpu = 0, memory = 0;
        foreach (var container in spec.Containers ?? [])
        {
            cpu += Quantities.MilliCpu(container.Resources);
            memory += Quantities.MemoryBytes(container.Resources);
        }

        foreach (var init in spec.InitContainers ?? [])
        {
            cpu = Math.Max(cpu, Quantities.MilliCpu(init.Resources));
            memory = Math.Max(memory, Quantities.MemoryBytes(init.Resources));
        }

        return (cpu, memory);
    }

    // A cordoned (unschedulable) node takes no new pods, so for capacity it counts as not Ready.
    private static bool IsReady(V1Node node) =>
        node.Spec?.Unschedulable != true
        && node.Status?.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true;
}
