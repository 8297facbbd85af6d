using Federation.Capacity;
using Federation.Scheduling;

namespace Federation.Planning;

/// <summary>Nodes shaped like <paramref name="Member"/>'s that a plan says would place every replica.</summary>
public sealed record NodeSuggestion(string Member, int Nodes, NodeFree Shape)
{
    public override string ToString() =>
        $"add {Nodes} node(s) like {Member}'s ({Quantities.Cpu(Shape.MilliCpu)} CPU, {Quantities.Memory(Shape.MemoryBytes)} memory)";
}

/// <summary>
/// What capacity would let an application's unplaced replicas run: the fewest nodes, shaped like
/// an existing member's, after which a what-if plan (the live scheduling code) places them all.
/// </summary>
public static class Unblocking
{
    /// <summary>Beyond this many added nodes the answer is no longer "add nodes".</summary>
    public const int MostNodes = 20;

    /// <summary>The fewest nodes on one of <paramref name="growable"/> (ties: first by name); null when none within <see cref="MostNodes"/>.</summary>
    public static NodeSuggestion? Find(FleetApplication app, IReadOnlyList<FleetMember> members, IEnumerable<FleetMember> growable, DateTimeOffset now)
    {
        NodeSuggestion? best = null;
        foreach (var m in growable.OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            // 1. A node like the member's: its allocatable divided by its Ready nodes. It must hold a pod.
            if (NodeShape(m) is not { } shape || CapacityMath.PodsThatFit([shape], app.PodRequest, ResourceRequest.None) == 0)
            {
                continue;
            }

            // 2. The fewest such nodes after which the plan places every replica (fewer than the best so far).
            for (var k = 1; k <= (best?.Nodes - 1 ?? MostNodes); k++)
            {
                if (Shortfall(app, members, m.Name, shape, k, now) == 0)
                {
                    best = new NodeSuggestion(m.Name, k, shape);
                    break;
                }
            }
        }

        return best;
    }

    /// <summary>The plan's shortfall for <paramref name="app"/> with <paramref name="nodes"/> nodes added to <paramref name="member"/>.</summary>
    public static int Shortfall(FleetApplication app, IReadOnlyList<FleetMember> members, string member, NodeFree shape, int nodes, DateTimeOffset now)
    {
        var grown = members.Select(x => x.Name == member ? Grow(x, shape, nodes) : x).ToList();
        return FleetPlanner.Evaluate(grown, [app], now).Applications[0].Shortfall;
    }

    /// <summary>One of the member's nodes as allocatable (not free): its allocatable over its Ready nodes.</summary>
    public static NodeFree? NodeShape(FleetMember m) => m.Nodes.Count == 0 || m.AllocatableMilliCpu <= 0
        ? null
        : new NodeFree(m.AllocatableMilliCpu / m.Nodes.Count, m.AllocatableMemoryBytes / m.Nodes.Count);

    /// <summary>The member with <paramref name="nodes"/> more nodes of <paramref name="shape"/>.</summary>
    public static FleetMember Grow(FleetMember m, NodeFree shape, int nodes) => m with
    {
        Nodes = [.. m.Nodes, .. Enumerable.Repeat(shape, nodes)],
        AllocatableMilliCpu = m.AllocatableMilliCpu + (shape.MilliCpu * nodes),
        AllocatableMemoryBytes = m.AllocatableMemoryBytes + (shape.MemoryBytes * nodes),
    };
}
