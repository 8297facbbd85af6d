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
        var fill = Indices(members, ScratchSlot.Fill);
        Array.Sort(fill, new ByPreference(members));
        var drain = Scratch<int>.Get(ScratchSlot.Drain, fill.Length);
        for (var i = 0; i < fill.Length; i++)
        {
            drain[i] = fill[fill.Length - 1 - i];
        }

        return Divide(members, replicas, fill, drain, rebalance);
    }

    private static int[] AggregatedOnce(IReadOnlyList<ScheduledMember> members, int replicas, bool rebalance)
    {
        // 1. The set to fill: members in use, then others in order of preference (roomiest first).
        var start = Start(members, rebalance);
        var need = Math.Min(replicas, SumHi(members)) - Sum(start);
        var room = 0L;
        var byPreference = Indices(members, ScratchSlot.Drain);
        Array.Sort(byPreference, new ByPreference(members));
        var used = Scratch<int>.Get(ScratchSlot.Fill, members.Count);
        var count = 0;
        for (var i = 0; i < members.Count; i++)
        {
            if (members[i].Kept > 0)
            {
                used[count++] = i;
                room += (long)members[i].Hi - start[i];
            }
        }

        foreach (var i in byPreference)
        {
            if (room >= need)
            {
                break;
            }

            if (members[i].Kept == 0)
            {
                used[count++] = i;
                room += members[i].Hi - start[i];
            }
        }

        // 2. Fill the roomiest of the set first; drain the smallest holders first.
        var fill = used.AsSpan(0, count);
        fill.Sort(new Roomiest(members));
        var drain = byPreference;
        for (var i = 0; i < drain.Length; i++)
        {
            drain[i] = i;
        }

        Array.Sort(drain, new SmallestHolder(members));
        return Divide(members, replicas, fill, drain, rebalance);
    }

    private static int[] Divide(IReadOnlyList<ScheduledMember> members, int replicas, ReadOnlySpan<int> fill, ReadOnlySpan<int> drain, bool rebalance)
    {
        // 1. Keep what is still allowed; when rebalancing, start from the mins and refill in order.
        var seats = Start(members, rebalance);
        var house = (int)Math.Min(replicas, SumHi(members));
        var excess = (int)Sum(seats) - house;

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

    // The seats handed on (see Scratch): written again by every divide of a placement, the last one kept.
    private static int[] Start(IReadOnlyList<ScheduledMember> members, bool rebalance)
    {
        var seats = Scratch<int>.Get(ScratchSlot.Seats, members.Count);
        for (var i = 0; i < seats.Length; i++)
        {
            seats[i] = rebalance ? members[i].Lo : members[i].Kept;
        }

        return seats;
    }

    private static int[] Indices(IReadOnlyList<ScheduledMember> members, ScratchSlot slot)
    {
        var indices = Scratch<int>.Get(slot, members.Count);
        for (var i = 0; i < indices.Length; i++)
        {
            indices[i] = i;
        }

        return indices;
    }

    private static long SumHi(IReadOnlyList<ScheduledMember> members)
    {
        var sum = 0L;
        for (var i = 0; i < members.Count; i++)
        {
            sum += members[i].Hi;
        }

        return sum;
    }

    private static long Sum(int[] seats)
    {
        var sum = 0L;
        foreach (var s in seats)
        {
            sum += s;
        }

        return sum;
    }

    // The orders, as the stable sorts by key they replace: ties go to the index (the name order),
    // except when draining, where the name that sorts last goes first (the fill order's tie-break, reversed).
    private sealed class ByPreference(IReadOnlyList<ScheduledMember> members) : IComparer<int>
    {
        public int Compare(int a, int b) => members[a].Preference != members[b].Preference ? members[a].Preference.CompareTo(members[b].Preference) : a.CompareTo(b);
    }

    private sealed class Roomiest(IReadOnlyList<ScheduledMember> members) : IComparer<int>
    {
        public int Compare(int a, int b) => members[a].Hi != members[b].Hi ? members[b].Hi.CompareTo(members[a].Hi) : a.CompareTo(b);
    }

    private sealed class SmallestHolder(IReadOnlyList<ScheduledMember> members) : IComparer<int>
    {
        public int Compare(int a, int b) =>
            members[a].Kept != members[b].Kept ? members[a].Kept.CompareTo(members[b].Kept)
            : members[a].Hi != members[b].Hi ? members[a].Hi.CompareTo(members[b].Hi)
            : b.CompareTo(a);
    }
}
