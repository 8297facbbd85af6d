namespace Federation.Scheduling;

/// <summary>
/// Priority and Aggregated division: fill members in an order, each up to what it can hold,
/// spilling over to the next. Like the weighted division it starts from the current placement:
/// members keep what they run (clamped into their bounds); new replicas go to the first members
/// in the order with room, and on a scale-down replicas come off the last ones first. A member
/// earlier in the order that regains room does not pull replicas back: moving running replicas
/// is a migration, and only a request to <see cref="SchedulingRequest.Rebalance"/> asks for one
/// (then the fill starts again from the mins, members already in use still first).
/// </summary>
internal static class OrderedDivider
{
    /// <summary>Priority: fill in order of preference; take back in the reverse order.</summary>
    public static Division Priority(IReadOnlyList<ScheduledMember> members, int replicas, bool rebalance) =>
        KeeperBounds.Settle(members, rebalance, bounded => new Division(PriorityOnce(bounded, replicas, rebalance)));

    /// <summary>
    /// Aggregated: as few members as possible. The members already running it (or pinned by a
    /// min or the spread) are used first, since using them adds no member; when they lack room,
    /// the roomiest others join until the room covers the new replicas. Within that set the
    /// roomiest fill first. On a scale-down the members holding the fewest replicas empty first.
    /// </summary>
    public static Division Aggregated(IReadOnlyList<ScheduledMember> members, int replicas, bool rebalance) =>
        KeeperBounds.Settle(members, rebalance, bounded => new Division(AggregatedOnce(bounded, replicas, rebalance)));

    private static int[] PriorityOnce(IReadOnlyList<ScheduledMember> members, int replicas, bool rebalance)
    {
        var fill = Indices(members).OrderBy(i => members[i].Preference).ToArray();
        return Divide(members, replicas, fill, fill.Reverse().ToArray(), rebalance);
    }

    private static int[] AggregatedOnce(IReadOnlyList<ScheduledMember> members, int replicas, bool rebalance)
    {
        // 1. The set to fill: members in use, then others in order of preference (roomiest first).
        var start = Start(members, rebalance);
        var need = Math.Min(replicas, members.Sum(m => (long)m.Hi)) - start.Sum(s => (long)s);
        var used = Indices(members).Where(i => members[i].Kept > 0).ToList();
        var room = used.Sum(i => (long)members[i].Hi - start[i]);
        foreach (var i in Indices(members).Where(i => members[i].Kept == 0).OrderBy(i => members[i].Preference))
        {
            if (room >= need)
            {
                break;
            }

            used.Add(i);
            room += members[i].Hi - start[i];
        }

        // 2. Fill the roomiest of the set first; drain the smallest holders first.
        var fill = used.OrderByDescending(i => members[i].Hi).ThenBy(i => i).ToArray();
        var drain = Indices(members)
            .OrderBy(i => members[i].Kept)
            .ThenBy(i => members[i].Hi)
            .ThenByDescending(i => i) // the name that sorts last first: the fill order's tie-break, reversed
            .ToArray();
        return Divide(members, replicas, fill, drain, rebalance);
    }

    private static int[] Divide(IReadOnlyList<ScheduledMember> members, int replicas, int[] fill, int[] drain, bool rebalance)
    {
        // 1. Keep what is still allowed; when rebalancing, start from the mins and refill in order.
        var seats = Start(members, rebalance);
        var house = (int)Math.Min(replicas, members.Sum(m => (long)m.Hi));
        var excess = seats.Sum() - house;

        // 2. Add in fill order, each member up to its upper bound.
        foreach (var i in fill)
        {
            var add = Math.Min(members[i].Hi - seats[i], Math.Max(0, -excess));
            seats[i] += add;
            excess += add;
        }

        // 3. Or take back in drain order, each member down to its lower bound.
        foreach (var i in drain)
        {
            var take = Math.Min(seats[i] - members[i].Lo, Math.Max(0, excess));
            seats[i] -= take;
            excess -= take;
        }

        return seats;
    }

    private static int[] Start(IReadOnlyList<ScheduledMember> members, bool rebalance) =>
        members.Select(m => rebalance ? m.Lo : m.Kept).ToArray();

    private static IEnumerable<int> Indices(IReadOnlyList<ScheduledMember> members) => Enumerable.Range(0, members.Count);
}
