namespace Federation.Scheduling;

/// <summary>
/// What the filter step hands on: every candidate's name in name order, the members that may hold
/// replicas (in the same order), why each other candidate may not, and the names the request
/// mentions that are not members (in name order).
/// </summary>
internal sealed record FilterOutcome(
    IReadOnlyList<string> Names,
    IReadOnlyList<ScheduledMember> Members,
    Dictionary<string, string> Excluded,
    IReadOnlyList<string> Unknown);
