namespace Federation.Rollouts;

/// <summary>A rollout as a new spec finds it: its templates and phase.</summary>
public sealed record RolloutSoFar(string FromHash, string FromJson, RolloutPhase Phase);

/// <summary>What a new spec does to the rollout: keep it as it is, or replace it by one from <paramref name="FromHash"/> (null: none).</summary>
public sealed record RolloutChange(bool Keep, string? FromHash = null, string? FromJson = null)
{
    public static RolloutChange None { get; } = new(false);
}

/// <summary>
/// When a progressive rollout begins and ends, and when the application looks at it again. Pure:
/// the application grain keeps the record, reads the members and sets its timers.
/// </summary>
public static class RolloutStart
{
    /// <summary>How often pods are read while a member is judged: a crash loop changes no Deployment status.</summary>
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);

    /// <summary>
    /// A new spec begins a rollout when its template changed and its strategy is Progressive, and ends one otherwise.
    /// The same template keeps the rollout going (a rolled-back one is not retried). Members not yet changed keep the
    /// template that runs stably: the previous rollout's, if it did not finish; a spec back to that template needs none.
    /// </summary>
    /// <param name="before">The spec's template before (hash, manifest); null for a new application.</param>
    public static RolloutChange OnSpec((string Hash, string Json)? before, string afterHash, bool progressive, RolloutSoFar? current)
    {
        if (before is not { } was || !progressive)
        {
            return RolloutChange.None;
        }

        if (was.Hash == afterHash)
        {
            return new RolloutChange(Keep: true);
        }

        var (fromHash, fromJson) = current is { Phase: not RolloutPhase.Succeeded } ? (current.FromHash, current.FromJson) : was;
        return fromHash == afterHash ? RolloutChange.None : new RolloutChange(false, fromHash, fromJson);
    }

    /// <summary>When to look again: the decider's moment, but within <see cref="Poll"/> while a member is updated, soaked or rolled back.</summary>
    public static DateTimeOffset? WakeAt(RolloutProgress progress, DateTimeOffset? decided, DateTimeOffset now)
    {
        var judging = progress.Members.Values.Any(m => m.Phase is MemberPhase.Updating or MemberPhase.Soaking or MemberPhase.RollingBack);
        return judging && (decided is null || decided > now + Poll) ? now + Poll : decided;
    }
}
