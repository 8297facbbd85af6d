namespace Federation.Scheduling;

/// <summary>
/// Weighted and Dynamic division, incremental: it starts from the current placement and moves
/// seats one at a time, so the answer changes only as much as the input did.
/// 1. Every member keeps its current replicas, clamped into its bounds (capacity, max, state).
/// 2. Each member's share is its exact proportional (bounded) share; the anchor is where the
///    quota method (<see cref="QuotaMethod"/>) puts the replicas from scratch.
/// 3. New replicas are only added and surplus ones only removed (<see cref="SeatMover"/>), the
///    adds going to members below their share first, the removals coming off members above it.
/// Guarantees: an unchanged request moves nothing; scaling N to N±k moves k replicas and raising
/// the total never takes one away; a lost member's replicas go to the others without moving
/// theirs. From an empty placement, or from one of its own answers for the same weights and
/// bounds, the answer is the anchor: every member within one replica of its share. From any
/// other placement no member is pushed away from its share, but one that starts far from it may
/// stay there: replicas that run are not moved for the share's sake, unless the request asks to
/// <see cref="SchedulingRequest.Rebalance"/>. Then members first move within one replica of
/// their share, with as few moves as that takes.
/// </summary>
internal static class ProportionalDivider
{
    public static Division Divide(IReadOnlyList<ScheduledMember> members, int replicas, bool rebalance) =>
        KeeperBounds.Settle(members, rebalance, bounded => DivideOnce(bounded, replicas, rebalance));

    private static Division DivideOnce(IReadOnlyList<ScheduledMember> members, int replicas, bool rebalance)
    {
        var weights = Scratch<long>.Get(ScratchSlot.Weights, members.Count);
        var lo = Scratch<int>.Get(ScratchSlot.Lo, members.Count);
        var hi = Scratch<int>.Get(ScratchSlot.Hi, members.Count);
        var seats = Scratch<int>.Get(ScratchSlot.Seats, members.Count);
        for (var i = 0; i < members.Count; i++)
        {
            var m = members[i];
            weights[i] = Math.Max(0, m.Weight);
            lo[i] = m.Lo;
            hi[i] = weights[i] > 0 ? m.Hi : m.Lo; // a member of weight 0 holds only its min
            seats[i] = Math.Clamp(m.Current, lo[i], hi[i]); // 1. keep what is still allowed
        }

        var curve = new ShareCurve(weights, lo, hi);
        var house = Math.Min(replicas, curve.Capacity);

        // 2. Each member's share, rounded down and up.
        var (down, up) = curve.Shares(house);

        // 3. Rebalancing: first within one replica of the share (the anchor is within it too).
        if (rebalance)
        {
            for (var i = 0; i < seats.Length; i++)
            {
                seats[i] = Math.Clamp(seats[i], down[i], up[i]);
            }
        }

        // 4. Settle the total by adding or removing seats, towards the anchor. Nothing to settle
        //    (a template change, a reconcile) needs no anchor, which costs a seat-by-seat walk.
        var excess = -house;
        foreach (var s in seats)
        {
            excess += s;
        }

        if (excess != 0)
        {
            var anchor = QuotaMethod.Apportion(curve, weights, lo, hi, house);
            var mover = new SeatMover(seats, anchor, down, up, weights);
            if (excess > 0)
            {
                mover.Remove(excess);
            }
            else
            {
                mover.Add(-excess);
            }
        }

        return new Division(seats, down);
    }
}
