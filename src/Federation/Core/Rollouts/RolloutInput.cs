namespace Federation.Rollouts;

/// <param name="FromHash">The previous template's hash.</param>
/// <param name="ToHash">The new template's hash.</param>
/// <param name="Members">The members the application runs on (placed there or still holding replicas).</param>
/// <param name="UnreadyAfter">How long pods of the new revision may run unready before the member counts as failed.</param>
/// <param name="ClosedUntil">Set while no member may start (before the start time, outside the window): when that ends.</param>
public sealed record RolloutInput(
    RolloutPolicy Policy,
    string FromHash,
    string ToHash,
    IReadOnlyList<WaveMember> Members,
    IReadOnlyDictionary<string, MemberObservation> Observed,
    RolloutProgress Progress,
    TimeSpan UnreadyAfter,
    DateTimeOffset Now,
    DateTimeOffset? ClosedUntil = null);

/// <summary>Something a rollout did, to record as an event.</summary>
public sealed record RolloutNote(string Kind, string? Member, string Message);

/// <summary>The rollout's next progress, what happened, and when time alone changes something next.</summary>
public sealed record RolloutDecision(RolloutProgress Progress, IReadOnlyList<RolloutNote> Notes, DateTimeOffset? WakeAt);
