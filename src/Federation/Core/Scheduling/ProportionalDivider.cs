namespace Federation.Scheduling;

/// <summary>
/// Weighted and Dynamic division. It starts from the current placement, not from scratch, and
/// moves seats one at a time, so that the answer changes only as much as the input did:
/// 1. every member keeps its current replicas, clamped into its bounds (capacity, max, state);
/// 2. the anchor is where the quota method (<see cref="QuotaMethod"/>) would put the replicas from
///    scratch; members above it give seats back, members below it take the new ones;
/// 3. Weighted only: a member more than one replica away from its share is first pulled back
///    within one (rounded down or up), so a change of weights or fleet takes effect at once.
///    Dynamic skips this: its weights are free capacity, which moves all the time, and chasing it
///    would move replicas with every report.
/// When the current placement is the method's own earlier answer for the same members, weights
/// and bounds (the usual case: a scale, a template change), the result is exactly the anchor, so
/// scaling N to N±k moves k replicas and raising the total never takes one away.
/// </summary>
internal static class ProportionalDivider
{
    public static int[] Divide(IReadOnlyList<ScheduledMember> members, int replicas, bool keepWithinShare)
    {
        var n = members.Count;
        var weights = members.Select(m => Math.Max(0, m.Weight)).ToArray();
        var lo = members.Select(m => m.Lo).ToArray();
        // A member of weight 0 holds only its min.
        var hi = members.Select((m, i) => weights[i] > 0 ? m.Hi : m.Lo).ToArray();
        var curve = new ShareCurve(weights, lo, hi);
        var house = Math.Min(replicas, curve.Capacity);

        // 1. Keep what is still allowed.
        var seats = members.Select((m, i) => Math.Clamp(m.Current, lo[i], hi[i])).ToArray();

        // 2. The anchor.
        var anchor = QuotaMethod.Apportion(curve, weights, lo, hi, house);

        // 3. Weighted: within one replica of the share, rounded down or up (the anchor is within it too).
        if (keepWithinShare)
        {
            var (down, up) = curve.Shares(house);
            for (var i = 0; i < n; i++)
            {
                seats[i] = Math.Clamp(seats[i], down[i], up[i]);
            }
        }

        // 4. Settle the total: take seats back from members above the anchor, or give new ones to
        //    members below it. There are always enough of them: Σ(seats − anchor) = the excess.
        var excess = seats.Sum(s => (long)s) - house;
        if (excess > 0)
        {
            Move(seats, anchor, weights, excess, give: false);
        }
        else if (excess < 0)
        {
            Move(seats, anchor, weights, -excess, give: true);
        }

        return seats;
    }

    // Moves `count` seats towards the anchor. When every gap to the anchor must be closed, close
    // them all; otherwise seat by seat, the strongest claim weight/(seats+1) first when giving and
    // the weakest claim weight/seats first when taking back (the quota method's order, reversed).
    private static void Move(int[] seats, int[] anchor, long[] weights, long count, bool give)
    {
        var gaps = 0L;
        for (var i = 0; i < seats.Length; i++)
        {
            gaps += Gap(seats, anchor, i, give);
        }

        if (gaps == count)
        {
            for (var i = 0; i < seats.Length; i++)
            {
                seats[i] = give ? Math.Max(seats[i], anchor[i]) : Math.Min(seats[i], anchor[i]);
            }

            return;
        }

        var queue = new PriorityQueue<int, SeatPriority>(give ? SeatPriority.StrongestFirst : SeatPriority.WeakestFirst);
        for (var i = 0; i < seats.Length; i++)
        {
            if (Gap(seats, anchor, i, give) > 0)
            {
                queue.Enqueue(i, Claim(seats, weights, i, give));
            }
        }

        for (var moved = 0L; moved < count && queue.TryDequeue(out var i, out _); moved++)
        {
            seats[i] += give ? 1 : -1;
            if (Gap(seats, anchor, i, give) > 0)
            {
                queue.Enqueue(i, Claim(seats, weights, i, give));
            }
        }
    }

    private static int Gap(int[] seats, int[] anchor, int i, bool give) =>
        Math.Max(0, give ? anchor[i] - seats[i] : seats[i] - anchor[i]);

    private static SeatPriority Claim(int[] seats, long[] weights, int i, bool give) =>
        new(weights[i], give ? seats[i] + 1 : seats[i], i);
}
