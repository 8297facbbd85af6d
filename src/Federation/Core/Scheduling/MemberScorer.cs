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
        for (var i = 0; i < members.Count; i++)
        {
            members[i].Weight = Weight(policy, members[i]);
            members[i].Preference = i;
        }

        // 2. Preference: positions sorted by the strategy's key. Members arrive in name order, so the
        //    position that ends every key breaks ties by name (and makes every key distinct). Only
        //    Priority and Aggregated fill in an order; for the others it stays the name order.
        if (policy.Strategy is not (PlacementStrategy.Priority or PlacementStrategy.Aggregated))
        {
            return members;
        }

        var ranks = policy.Strategy == PlacementStrategy.Priority ? Ranks(policy) : null;
        var keys = Scratch<(long, long, int)>.Get(ScratchSlot.ScoreKeys, members.Count);
        for (var i = 0; i < members.Count; i++)
        {
            var m = members[i];
            keys[i] = ranks is not null
                ? (ranks.TryGetValue(m.Name, out var rank) ? rank : long.MaxValue, 0L, i)
                // Aggregated: members that already run it first (filling them adds no member), then the roomiest.
                : (m.Kept > 0 ? 0L : 1L, -(long)m.Hi, i);
        }

        var order = Scratch<int>.Get(ScratchSlot.ScoreOrder, members.Count);
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(keys, order);

        // 3. Still in name order, which the dividers rely on for their own tie-breaks.
        for (var rank = 0; rank < order.Length; rank++)
        {
            members[order[rank]].Preference = rank;
        }

        return members;
    }

    private static long Weight(PlacementPolicy policy, ScheduledMember member) => policy.Strategy switch
    {
        PlacementStrategy.Weighted when policy.Weights is { Count: > 0 } weights => weights.GetValueOrDefault(member.Name),
        PlacementStrategy.Dynamic => member.Capacity,
        _ => 1,
    };

    // Priority: clusterNames order first (a name given twice keeps its first place); members it
    // does not name come after them, in name order.
    private static Dictionary<string, long> Ranks(PlacementPolicy policy)
    {
        var names = policy.ClusterNames ?? [];
        var ranks = new Dictionary<string, long>(names.Count, StringComparer.Ordinal);
        for (var i = 0; i < names.Count; i++)
        {
            ranks.TryAdd(names[i], i);
        }

        return ranks;
    }
}
