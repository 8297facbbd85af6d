namespace Federation.Scheduling;

/// <summary>
/// The claim of a member's next (or last) seat under the quota method: weight / seats, compared
/// exactly by cross-multiplying. Ties go to the larger weight, then to the name that sorts first
/// (members are indexed in name order), so the same input always gives the same seats.
/// </summary>
internal readonly record struct SeatPriority(long Weight, long Seats, int Index)
{
    /// <summary>Orders the strongest claim first (for a min-heap: when seats are added).</summary>
    public static IComparer<SeatPriority> StrongestFirst { get; } = Comparer<SeatPriority>.Create((x, y) => Compare(y, x));

    /// <summary>Orders the weakest claim first (when seats are taken back): the exact reverse.</summary>
    public static IComparer<SeatPriority> WeakestFirst { get; } = Comparer<SeatPriority>.Create(Compare);

    // x < y when x's claim is weaker: lower weight/seats, then lower weight, then the later name.
    private static int Compare(SeatPriority x, SeatPriority y)
    {
        // Weights and seats are below 2^31, so the products fit a long.
        var byClaim = (x.Weight * y.Seats).CompareTo(y.Weight * x.Seats);
        if (byClaim != 0)
        {
            return byClaim;
        }

        var byWeight = x.Weight.CompareTo(y.Weight);
        return byWeight != 0 ? byWeight : y.Index.CompareTo(x.Index);
    }
}
