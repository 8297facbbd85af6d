namespace Federation.Scheduling;

/// <summary>
/// One member as the division sees it after filtering: the replicas it runs now, the pods of this
/// application it can hold, and the bounds this decision must keep it within.
/// </summary>
/// <param name="Current">Replicas it runs now (what the request's current placement says).</param>
/// <param name="Lo">Fewest replicas it may end with: its min, as far as <paramref name="Hi"/> allows.</param>
/// <param name="Hi">Most replicas it may end with: capacity, max, and for a member that takes no
/// new replicas, what it runs now.</param>
/// <param name="HiReason">Why <paramref name="Hi"/> is zero, when it is.</param>
internal sealed record ScheduledMember(
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    MemberState State,
    int Current,
    int Capacity,
    int Lo,
    int Hi,
    string? HiReason)
{
    /// <summary>Ready members take new replicas; the others may only keep some of theirs.</summary>
    public bool TakesNew => State == MemberState.Ready;

    // Weight and Preference are set in place by the scorer: the filter makes each member afresh for one
    // placement, and copying a thousand members to set two numbers was most of what scoring cost.

    /// <summary>Division weight (Weighted: the policy's; Dynamic: <see cref="Capacity"/>), set when scoring.</summary>
    public long Weight { get; set; }

    /// <summary>Place in the strategy's order of preference (Priority, Aggregated; name order otherwise), 0 first, set when scoring.</summary>
    public int Preference { get; set; }

    /// <summary>What it keeps of its current replicas before any seat moves: clamped into its bounds.</summary>
    public int Kept => Math.Clamp(Current, Lo, Hi);
}
