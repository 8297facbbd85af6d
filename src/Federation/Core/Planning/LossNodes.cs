using Federation.Capacity;

namespace Federation.Planning;

/// <summary>The fewest nodes, shaped like one surviving member's, after which a loss leaves nothing unplaced.</summary>
public static class LossNodes
{
    /// <param name="survives">Whether the fleet (with nodes added) places everything: a full what-if plan.</param>
    public static NodeSuggestion? Find(
        IReadOnlyList<FleetMember> members, IReadOnlyList<FleetApplication> applications, long milliCpu, long memoryBytes, Func<List<FleetMember>, bool> survives)
    {
        // 1. Per member, the nodes of its shape that at least hold the unplaced requests (fewer cannot do);
        //    members are tried fewest first, then by name, so that the search usually ends at the first.
        var options = members
            .Where(m => m.State == Scheduling.MemberState.Ready)
            .Select(m => (Member: m, Shape: Unblocking.NodeShape(m)))
            .Where(o => o.Shape is { MilliCpu: > 0, MemoryBytes: > 0 })
            .Select(o => (o.Member, Shape: o.Shape!, Least: LeastNodes(o.Shape!, milliCpu, memoryBytes)))
            .Where(o => o.Least <= Unblocking.MostNodes)
            .OrderBy(o => o.Least)
            .ThenBy(o => o.Member.Name, StringComparer.Ordinal);

        // 2. From that bound upwards, the first count the plan confirms (fewer than the best so far). More
        //    nodes never take room away, so when the most worth trying is not enough, no fewer are: one plan
        //    says so, where a shortfall no room can mend (no member may take the replicas) cost twenty.
        NodeSuggestion? best = null;
        foreach (var (member, shape, least) in options)
        {
            var most = best?.Nodes - 1 ?? Unblocking.MostNodes;
            if (least > most || !survives(Grown(members, member.Name, shape, most)))
            {
                continue;
            }

            for (var k = least; k <= most; k++)
            {
                if (k == most || survives(Grown(members, member.Name, shape, k)))
                {
                    best = new NodeSuggestion(member.Name, k, shape);
                    break;
                }
            }
        }

        return best;
    }

    private static List<FleetMember> Grown(IReadOnlyList<FleetMember> members, string name, NodeFree shape, int nodes) =>
        [.. members.Select(x => x.Name == name ? Unblocking.Grow(x, shape, nodes) : x)];

    private static int LeastNodes(NodeFree shape, long milliCpu, long memoryBytes) =>
        (int)Math.Max(1, Math.Max(Ceiling(milliCpu, shape.MilliCpu), Ceiling(memoryBytes, shape.MemoryBytes)));

    private static long Ceiling(long amount, long per) => (amount + per - 1) / per;
}
