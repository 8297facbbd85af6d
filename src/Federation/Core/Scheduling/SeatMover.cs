namespace Federation.Scheduling;

/// <summary>
/// Adds or removes seats one at a time, in tiers, each tier by the quota method's claim.
/// Adding: members below their share rounded down first, then members below the anchor, then
/// members below their share rounded up; never above it. Removing, the mirror image: members
/// above their share rounded up first, then above the anchor, then above their share rounded
/// down; never below it. Within a tier the strongest claim weight/(seats+1) takes a seat and the
/// weakest claim weight/seats gives one back. There is always a member in some tier: the shares
/// rounded down add up to at most the total and the shares rounded up to at least it.
/// </summary>
internal sealed class SeatMover(int[] seats, int[] anchor, int[] down, int[] up, long[] weights)
{
    private readonly record struct Key(int Tier, SeatPriority Claim);

    private static readonly IComparer<Key> Adding = Comparer<Key>.Create((x, y) =>
        x.Tier != y.Tier ? x.Tier.CompareTo(y.Tier) : SeatPriority.StrongestFirst.Compare(x.Claim, y.Claim));

    private static readonly IComparer<Key> Removing = Comparer<Key>.Create((x, y) =>
        x.Tier != y.Tier ? x.Tier.CompareTo(y.Tier) : SeatPriority.WeakestFirst.Compare(x.Claim, y.Claim));

    // Kept per thread and emptied before use, like the arrays in Scratch.
    [ThreadStatic]
    private static PriorityQueue<int, Key>? _adding;

    [ThreadStatic]
    private static PriorityQueue<int, Key>? _removing;

    public void Add(long count) => Move(count, give: true);

    public void Remove(long count) => Move(count, give: false);

    private void Move(long count, bool give)
    {
        // 1. Everyone on the near side of the anchor: closing every gap is exactly the count, so the
        //    answer is the anchor whatever the order (the usual case: from scratch, or a scale).
        if (NearSide(give))
        {
            Array.Copy(anchor, seats, seats.Length);
            return;
        }

        // 2. Otherwise seat by seat, the lowest tier first, then the claim.
        var queue = give ? _adding ??= new PriorityQueue<int, Key>(Adding) : _removing ??= new PriorityQueue<int, Key>(Removing);
        queue.Clear();
        for (var i = 0; i < seats.Length; i++)
        {
            Enqueue(queue, i, give);
        }

        for (var moved = 0L; moved < count && queue.TryDequeue(out var i, out _); moved++)
        {
            seats[i] += give ? 1 : -1;
            Enqueue(queue, i, give);
        }
    }

    private bool NearSide(bool give)
    {
        for (var i = 0; i < seats.Length; i++)
        {
            if (give ? seats[i] > anchor[i] : seats[i] < anchor[i])
            {
                return false;
            }
        }

        return true;
    }

    private void Enqueue(PriorityQueue<int, Key> queue, int i, bool give)
    {
        var tier = give
            ? seats[i] < down[i] ? 0 : seats[i] < anchor[i] ? 1 : seats[i] < up[i] ? 2 : -1
            : seats[i] > up[i] ? 0 : seats[i] > anchor[i] ? 1 : seats[i] > down[i] ? 2 : -1;
        if (tier >= 0)
        {
            queue.Enqueue(i, new Key(tier, new SeatPriority(weights[i], give ? seats[i] + 1 : seats[i], i)));
        }
    }
}
