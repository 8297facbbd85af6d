namespace Federation.Scheduling;

/// <summary>
/// One member as the division sees it after filtering: the replicas it runs now, the pods of this
/// application it can hold, and the bounds this decision must keep it within.
/// </summary>
/// <remarks>
/// The filter fills these afresh for each placement in objects it reuses on the same thread (see
/// <see cref="Scratch{T}"/>: a thousand members made anew were a third of what a placement allocated),
/// and the scorer sets <see cref="Weight"/> and <see cref="Preference"/> in place. Steps that change a
/// bound for the rest of the pipeline make a copy (<c>with</c>), never change the filter's.
/// </remarks>
internal sealed record ScheduledMember
{
    public string Name { get; private set; } = "";

    public IReadOnlyDictionary<string, string> Labels { get; private set; } = new Dictionary<string, string>();

    public MemberState State { get; private set; }

    /// <summary>Replicas it runs now (what the request's current placement says).</summary>
    public int Current { get; private set; }

    public int Capacity { get; private set; }

    /// <summary>Fewest replicas it may end with: its min, as far as <see cref="Hi"/> allows.</summary>
    public int Lo { get; set; }

    /// <summary>Most replicas it may end with: capacity, max, and for a member that takes no new replicas, what it runs now.</summary>
    public int Hi { get; set; }

    /// <summary>Why <see cref="Hi"/> is zero, when it is.</summary>
    public string? HiReason { get; private set; }

    /// <summary>Ready members take new replicas; the others may only keep some of theirs.</summary>
    public bool TakesNew => State == MemberState.Ready;

    /// <summary>Division weight (Weighted: the policy's; Dynamic: <see cref="Capacity"/>), set when scoring.</summary>
    public long Weight { get; set; }

    /// <summary>Place in the strategy's order of preference (Priority, Aggregated; name order otherwise), 0 first, set when scoring.</summary>
    public int Preference { get; set; }

    /// <summary>What it keeps of its current replicas before any seat moves: clamped into its bounds.</summary>
    public int Kept => Math.Clamp(Current, Lo, Hi);

    /// <summary>The member for one candidate of a new placement: <paramref name="reused"/> filled again (weight and preference cleared), or a new one.</summary>
    public static ScheduledMember Fill(ScheduledMember? reused, Candidate candidate, int current, int capacity, int lo, int hi, string? hiReason)
    {
        var m = reused ?? new ScheduledMember();
        (m.Name, m.Labels, m.State, m.Current, m.Capacity) = (candidate.Name, candidate.Labels, candidate.State, current, capacity);
        (m.Lo, m.Hi, m.HiReason, m.Weight, m.Preference) = (lo, hi, hiReason, 0, 0);
        return m;
    }
}
