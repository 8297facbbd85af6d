namespace Federation.Scheduling;

/// <summary>
/// What the filter step hands on: every candidate in name order (or the tie-break's order), the members that may hold
/// replicas (in the same order), why each other candidate may not, and the names the request
/// mentions that are not members (in name order).
/// </summary>
internal sealed record FilterOutcome(
    IReadOnlyList<Candidate> Candidates,
    IReadOnlyList<ScheduledMember> Members,
    Dictionary<string, string> Excluded,
    IReadOnlyList<string> Unknown);
