namespace Federation.Scheduling;

/// <summary>
/// Step 3 of the pipeline: honour a spread constraint by pinning one member in each of enough
/// label groups (its lower bound becomes at least 1), so that whatever the division does, those
/// groups keep a replica. Members without the label belong to no group; only Ready members with
/// room are pinned. The choice depends on the policy and the members' labels, never on where
/// replicas run now or how much room members report: a pin that followed the replicas could move
/// on the next call and take its replica with it, so a template change would move replicas.
/// Members with a min of their own cover their group for free; then the best member by the
/// strategy (Priority: the order; Weighted: the largest weight; otherwise the first name).
/// When the replicas or the groups with room are too few, the spread covers what it can and the
/// result says so in <see cref="SchedulingResult.Warnings"/>; it is not a shortfall (no replica is
/// left unplaced for it) and no member is excluded for it.
/// </summary>
internal static class SpreadSelector
{
    public static (IReadOnlyList<ScheduledMember> Members, string? Warning) Pin(
        IReadOnlyList<ScheduledMember> members, PlacementPolicy policy, int replicas)
    {
        if (policy.Spread is not { MinGroups: > 0 } spread)
        {
            return (members, null);
        }

        // 1. Groups of members that could take a replica. Under Weighted and Dynamic a member of
        //    weight 0 holds only its min: the policy gave it no share, so the spread does not either.
        var proportional = policy.Strategy is PlacementStrategy.Weighted or PlacementStrategy.Dynamic;
        var best = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < members.Count; i++)
        {
            var m = members[i];
            if ((m.Lo > 0 || (m.TakesNew && m.Hi > 0 && (!proportional || m.Weight > 0)))
                && m.Labels.TryGetValue(spread.Label, out var group)
                && (!best.TryGetValue(group, out var held) || Better(members, i, held, policy.Strategy)))
            {
                best[group] = i;
            }
        }

        // The groups' best members, best first: those with a min of their own, then by the strategy's order.
        var groups = best.Values.ToList();
        groups.Sort((a, b) => a == b ? 0 : Better(members, a, b, policy.Strategy) ? -1 : 1);

        // 2. Duplicated gives every member all replicas: nothing to pin, only to count.
        var pinned = members.ToArray();
        var (covered, available) = (0, groups.Count);
        if (policy.Strategy == PlacementStrategy.Duplicated)
        {
            available = members.Where(m => m.Hi > 0 && m.Labels.ContainsKey(spread.Label))
                .Select(m => m.Labels[spread.Label]).Distinct(StringComparer.Ordinal).Count();
            covered = replicas > 0 ? Math.Min(available, spread.MinGroups) : 0;
        }
        else
        {
            // 3. Pin the first groups' best members while replicas remain beyond everyone's min.
            var budget = Math.Min(replicas, members.Sum(m => (long)(proportional && m.Weight <= 0 ? m.Lo : m.Hi)))
                - members.Sum(m => (long)m.Lo);
            foreach (var index in groups.Take(spread.MinGroups))
            {
                var member = members[index];
                if (member.Lo > 0 || budget-- > 0)
                {
                    pinned[index] = member with { Lo = Math.Max(1, member.Lo) };
                    covered++;
                }
            }
        }

        return (pinned, covered >= spread.MinGroups ? null : Warning(spread, covered, available));
    }

    // Member a before member b: one with a min of its own first, then the strategy's order.
    private static bool Better(IReadOnlyList<ScheduledMember> members, int a, int b, PlacementStrategy strategy) =>
        (members[a].Lo > 0) != (members[b].Lo > 0) ? members[a].Lo > 0 : Rank(members[a], a, strategy).CompareTo(Rank(members[b], b, strategy)) < 0;

    // The strategy's order of preference among members, from the policy alone.
    private static (long, int) Rank(ScheduledMember member, int index, PlacementStrategy strategy) => strategy switch
    {
        PlacementStrategy.Priority => (member.Preference, index),
        PlacementStrategy.Weighted => (-member.Weight, index),
        _ => (0, index),
    };

    private static string Warning(SpreadConstraint spread, int covered, int groups) =>
        $"spread over '{spread.Label}' reaches {covered} of the {spread.MinGroups} groups asked: " +
        (groups < spread.MinGroups
            ? $"only {groups} group(s) have a member that can take replicas"
            : "too few replicas beyond the members' minimums");
}
