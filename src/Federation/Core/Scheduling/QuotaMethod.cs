namespace Federation.Scheduling;

/// <summary>
/// Balinski and Young's quota method (1975), with bounds: seats are handed out one at a time, from
/// every member's lo up to the house size, each to the member with the strongest claim
/// weight/(seats+1) (Jefferson's divisor) among those that may take one more seat without going
/// above their share of the new house size. Its two guarantees are why it is used here:
/// - house-monotone: the placement for h+1 replicas is the one for h plus one seat, so scaling up
///   never takes a replica from anyone (the Alabama paradox cannot occur), and scaling down
///   between two of its placements only removes;
/// - quota: every member ends within one replica of its exact (bounded) share, rounded down or up.
/// Webster's method, though house-monotone, can break quota: weights 100:1:1:1 at 50 replicas give
/// the large member 50 for a share of 48.5. Largest remainder keeps quota but is not house-monotone.
/// </summary>
internal static class QuotaMethod
{
    [ThreadStatic]
    private static PriorityQueue<int, (long House, int Index)>? _waiting;

    [ThreadStatic]
    private static PriorityQueue<int, SeatPriority>? _eligible;

    /// <summary>Seats per member for <paramref name="house"/> replicas; house must lie between the curve's Floor and Capacity.</summary>
    public static int[] Apportion(ShareCurve curve, long[] weights, int[] lo, int[] hi, long house)
    {
        var seats = Scratch<int>.Get(ScratchSlot.Anchor, lo.Length);
        lo.CopyTo(seats, 0);
        var held = curve.Floor;

        // 1. A member may take its next seat once the house is large enough that its share exceeds
        //    the seats it holds (its upper quota allows one more). Until then it waits.
        // The queues are kept per thread and emptied, like the arrays in Scratch: a thousand members fill them.
        var waiting = _waiting ??= new PriorityQueue<int, (long House, int Index)>(seats.Length);
        var eligible = _eligible ??= new PriorityQueue<int, SeatPriority>(seats.Length, SeatPriority.StrongestFirst);
        waiting.Clear();
        eligible.Clear();
        for (var i = 0; i < seats.Length; i++)
        {
            if (weights[i] > 0 && seats[i] < hi[i])
            {
                waiting.Enqueue(i, (curve.HouseAbove(seats[i], weights[i]), i));
            }
        }

        while (held < house)
        {
            // 2. Wake every member allowed a seat at house size held+1; give the seat to the strongest claim.
            while (waiting.TryPeek(out var i, out var key) && key.House <= held + 1)
            {
                waiting.Dequeue();
                eligible.Enqueue(i, new SeatPriority(weights[i], seats[i] + 1, i));
            }

            if (!eligible.TryDequeue(out var next, out _))
            {
                // The shares add up to held+1 > held, so someone's share exceeds its seats.
                throw new InvalidOperationException($"quota method found no eligible member at house {held + 1}");
            }

            seats[next]++;
            held++;

            // 3. Back to waiting, for the house size at which its share passes its new seat count
            //    (straight back among the eligible when that is the very next house size).
            if (seats[next] < hi[next])
            {
                var wake = curve.HouseAbove(seats[next], weights[next]);
                if (wake <= held + 1)
                {
                    eligible.Enqueue(next, new SeatPriority(weights[next], seats[next] + 1, next));
                }
                else
                {
                    waiting.Enqueue(next, (wake, next));
                }
            }
        }

        return seats;
    }
}
