namespace Federation.Scheduling;

/// <summary>What the filter step hands on: the members that may hold replicas (in name order) and why the others may not.</summary>
internal sealed record FilterOutcome(IReadOnlyList<ScheduledMember> Members, Dictionary<string, string> Excluded);
