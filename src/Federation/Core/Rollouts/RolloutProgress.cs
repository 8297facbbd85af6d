namespace Federation.Rollouts;

public enum RolloutPhase
{
    Progressing,
    Succeeded,
    Halted,
    RollingBack,
    RolledBack,
}

public enum MemberPhase
{
    /// <summary>Not started: keeps the previous template.</summary>
    Pending,

    /// <summary>Given the new template; its Deployment has not settled yet.</summary>
    Updating,

    /// <summary>Settled on the new template; staying healthy for the soak.</summary>
    Soaking,

    Succeeded,
    Failed,

    /// <summary>Given the previous template back; its Deployment has not settled yet.</summary>
    RollingBack,

    RolledBack,
}

/// <summary>One member's place in a rollout.</summary>
/// <param name="Since">When the phase began (for Updating: when the progress deadline started counting).</param>
/// <param name="HealthySince">When the member settled on the new template (Soaking).</param>
/// <param name="Reason">Why it failed.</param>
public sealed record MemberRollout(MemberPhase Phase, DateTimeOffset Since, DateTimeOffset? HealthySince = null, string? Reason = null)
{
    /// <summary>The member runs (or is being given) the new template.</summary>
    public bool Changed => Phase is MemberPhase.Updating or MemberPhase.Soaking or MemberPhase.Succeeded or MemberPhase.Failed;
}

/// <summary>A rollout's persisted progress: its phase, the wave it is on and every member's place.</summary>
/// <param name="Paused">No member starts while paused; members already started are still judged.</param>
/// <param name="PromotedWave">The wave whose remaining soak was skipped.</param>
public sealed record RolloutProgress(
    RolloutPhase Phase,
    int Wave,
    IReadOnlyDictionary<string, MemberRollout> Members,
    DateTimeOffset StartedAt,
    bool Paused = false,
    int? PromotedWave = null,
    string? Reason = null)
{
    public static RolloutProgress Start(DateTimeOffset now) =>
        new(RolloutPhase.Progressing, 0, new Dictionary<string, MemberRollout>(StringComparer.Ordinal), now);

    /// <summary>The same progress, member by member (records compare their dictionaries by reference).</summary>
    public bool SameAs(RolloutProgress other) =>
        this with { Members = other.Members } == other
        && Members.Count == other.Members.Count
        && Members.All(m => other.Members.TryGetValue(m.Key, out var o) && o == m.Value);

    public bool Active => Phase is RolloutPhase.Progressing or RolloutPhase.RollingBack;

    /// <summary>The member should run the new template (members not in the rollout yet keep the previous one).</summary>
    public bool OnNew(string member) =>
        Phase == RolloutPhase.Succeeded || (Members.TryGetValue(member, out var m) && m.Changed);
}
