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
        var weights = members.Select(m => Weight(policy, m)).ToArray();

        // 2. Preference: positions sorted by the strategy's key. Members arrive in name order, so the
        //    position that ends every key breaks ties by name (and makes every key distinct). Only
        //    Priority and Aggregated fill in an order; for the others it stays the name order.
        if (policy.Strategy is not (PlacementStrategy.Priority or PlacementStrategy.Aggregated))
        {
            return members.Select((m, i) => m with { Weight = weights[i], Preference = i }).ToList();
        }

        var ranks = Ranks(policy, members);
        var keys = members.Select((m, i) => policy.Strategy switch
        {
            PlacementStrategy.Priority => (ranks![m.Name], 0L, i),
            // Aggregated: members that already run it first (filling them adds no member), then the roomiest.
            _ => (m.Kept > 0 ? 0L : 1L, -(long)m.Hi, i),
        }).ToArray();
        var order = Enumerable.Range(0, members.Count).ToArray();
        Array.Sort(keys, order);
        var preference = new int[members.Count];
        for (var rank = 0; rank < order.Length; rank++)
        {
            preference[order[rank]] = rank;
        }

        // 3. Still in name order, which the dividers rely on for their own tie-breaks.
        return members.Select((m, i) => m with { Weight = weights[i], Preference = preference[i] }).ToList();
    }

    private static long Weight(PlacementPolicy policy, ScheduledMember member) => policy.Strategy switch
    {
        PlacementStrategy.Weighted when policy.Weights is { Count: > 0 } weights => weights.GetValueOrDefault(member.Name),
        PlacementStrategy.Dynamic => member.Capacity,
        _ => 1,
    };

    // Priority: clusterNames order first; members it does not name after them, in name order.
    private static Dictionary<string, long>? Ranks(PlacementPolicy policy, IReadOnlyList<ScheduledMember> members)
    {
        if (policy.Strategy != PlacementStrategy.Priority)
        {
            return null;
        }

        var ranks = members.ToDictionary(m => m.Name, _ => long.MaxValue, StringComparer.Ordinal);
        var names = policy.ClusterNames ?? [];
        for (var i = names.Count - 1; i >= 0; i--)
        {
            if (ranks.ContainsKey(names[i]))
            {
                ranks[names[i]] = i; // from the end, so a name given twice keeps its first place
            }
        }

        return ranks;
    }
}
