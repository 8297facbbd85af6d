namespace Federation.Rollouts;

/// <summary>A member's workload as a rollout sees it.</summary>
/// <param name="Lost">The member cannot be reached: nothing it reports counts, for or against the version.</param>
/// <param name="Hash">The template hash applied there.</param>
/// <param name="Crashing">Pods of the newest revision that restart repeatedly.</param>
/// <param name="UnreadySince">Since when pods of the newest revision have been running unready, if any are.</param>
/// <param name="Problem">What the member's pods say (e.g. "CrashLoopBackOff: web"), for the failure reason.</param>
public sealed record MemberObservation(
    string Name,
    bool Lost,
    string? Hash,
    int Desired,
    int Replicas,
    int Updated,
    int Ready,
    int Available,
    long Generation,
    long ObservedGeneration,
    int Crashing = 0,
    DateTimeOffset? UnreadySince = null,
    string? Problem = null)
{
    /// <summary>The Deployment observed its latest spec and every replica is updated, ready and available, with no old one left.</summary>
    public bool Settled(string hash) =>
        !Lost && Hash == hash && ObservedGeneration >= Generation
        && Updated == Desired && Ready == Desired && Available == Desired && Replicas == Desired;
}

/// <summary>A member and its labels, for wave selection.</summary>
public sealed record WaveMember(string Name, IReadOnlyDictionary<string, string> Labels);
