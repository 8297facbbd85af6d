namespace Federation.Scheduling;

/// <summary>
/// Step 2 of the pipeline: each member's division weight and its place in the strategy's order
/// of preference. The order decides who is filled first (Priority, Aggregated); the weights drive
/// Weighted and Dynamic.
/// </summary>
internal static class MemberScorer
{
    public static IReadOnlyList<ScheduledMember> Score(PlacementPolicy policy, IReadOnlyList<ScheduledMember> members)
    {
        // 1. Weights. Weighted: the policy's, 1 each when it gives none, 0 for members it leaves out.
        //    Dynamic: what the member can run of this pod. Others do not divide by weight.
        var weighted = members.Select(m => m with { Weight = Weight(policy, m) }).ToList();

        // 2. Preference, ties always broken by name (members arrive in name order and the sorts are stable).
        var ordered = policy.Strategy switch
        {
            PlacementStrategy.Priority => weighted.OrderBy(m => PriorityRank(policy.ClusterNames, m.Name)),
            // Members that already run it first, so filling them adds no member; then the roomiest.
            PlacementStrategy.Aggregated => weighted.OrderByDescending(m => m.Kept > 0).ThenByDescending(m => m.Hi),
            _ => weighted.OrderByDescending(m => m.Weight).ThenByDescending(m => m.Hi),
        };

        // 3. Back to name order, which the dividers rely on for their own tie-breaks.
        return ordered
            .Select((m, rank) => m with { Preference = rank })
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static long Weight(PlacementPolicy policy, ScheduledMember member) => policy.Strategy switch
    {
        PlacementStrategy.Weighted when policy.Weights is { Count: > 0 } weights => weights.GetValueOrDefault(member.Name),
        PlacementStrategy.Dynamic => member.Capacity,
        _ => 1,
    };

    // clusterNames order first; members it does not name after them, in name order.
    private static int PriorityRank(IReadOnlyList<string>? order, string name)
    {
        var index = order is null ? -1 : IndexOf(order, name);
        return index >= 0 ? index : int.MaxValue;
    }

    private static int IndexOf(IReadOnlyList<string> order, string name)
    {
        for (var i = 0; i < order.Count; i++)
        {
            if (string.Equals(order[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
