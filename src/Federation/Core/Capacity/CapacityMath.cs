using Federation.Scheduling;

namespace Federation.Capacity;

/// <summary>Free CPU (millicores), memory (bytes) and pod slots (the node's pod limit less the pods it runs) on one Ready node.</summary>
public sealed record NodeFree(long MilliCpu, long MemoryBytes, long Pods = CapacityMath.PodsPerNode);

/// <summary>Capacity arithmetic: how many pods of a request fit on a member.</summary>
public static class CapacityMath
{
    /// <summary>Kubernetes' default pod limit of a node (a node's own allocatable <c>pods</c> says otherwise).</summary>
    public const int PodsPerNode = 110;

    /// <summary>
    /// Pods of <paramref name="request"/> that still fit, node by node (a pod cannot span nodes),
    /// after taking <paramref name="reserved"/> off: capacity promised to placements the member
    /// has not reported as scheduled yet.
    /// </summary>
    public static int PodsThatFit(IReadOnlyList<NodeFree> nodes, ResourceRequest request, ResourceRequest reserved)
    {
        // 1. Fit per node: the scarcest of CPU, memory and pod slots decides.
        long fit = 0;
        for (var i = 0; i < nodes.Count; i++)
        {
            fit += Fit(nodes[i], request);
        }

        // 2. Reservations are not tied to a node: take off as many pods as they cover, rounded up, and at least the pods they promised.
        var reservedPods = Math.Max(reserved.Pods, Math.Max(Cover(reserved.MilliCpu, request.MilliCpu), Cover(reserved.MemoryBytes, request.MemoryBytes)));
        return (int)Math.Clamp(fit - reservedPods, 0, int.MaxValue);
    }

    /// <summary>Free CPU and memory on the nodes together (placement reads them for every application and member: no allocation).</summary>
    public static (long MilliCpu, long MemoryBytes) Free(IReadOnlyList<NodeFree> nodes)
    {
        var (cpu, memory) = (0L, 0L);
        for (var i = 0; i < nodes.Count; i++)
        {
            cpu += nodes[i].MilliCpu;
            memory += nodes[i].MemoryBytes;
        }

        return (cpu, memory);
    }

    /// <summary>Share of <paramref name="used"/> in <paramref name="total"/>, 0 when there is no total.</summary>
    public static double Utilisation(long used, long total) => total <= 0 ? 0 : Math.Clamp((double)used / total, 0, 1);

    private static long Fit(NodeFree node, ResourceRequest request)
    {
        var byCpu = request.MilliCpu <= 0 ? node.Pods : node.MilliCpu / request.MilliCpu;
        var byMemory = request.MemoryBytes <= 0 ? node.Pods : node.MemoryBytes / request.MemoryBytes;
        return Math.Max(0, Math.Min(Math.Min(byCpu, byMemory), node.Pods));
    }

    private static long Cover(long reserved, long perPod) =>
        perPod <= 0 || reserved <= 0 ? 0 : (reserved + perPod - 1) / perPod;
}
