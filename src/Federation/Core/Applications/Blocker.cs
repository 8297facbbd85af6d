using Federation.Planning;

namespace Federation.Applications;

/// <summary>
/// What keeps replicas on the members they should leave, in an operator's words.
/// <paramref name="Reason"/> is a condition reason (<see cref="BlockerReasons"/>); <paramref name="Unblock"/>
/// is what a plan says would let them move, when a plan can say it.
/// </summary>
public sealed record Blocker(string Reason, int Replicas, string Message, string? Unblock);

/// <summary>The words of <see cref="Blocker.Reason"/>, used as the Progressing condition's reason.</summary>
public static class BlockerReasons
{
    /// <summary>The members the placement may use are full.</summary>
    public const string WaitingForCapacity = "WaitingForCapacity";

    /// <summary>No Ready member is selected by the placement at all.</summary>
    public const string NoEligibleMember = "NoEligibleMember";
}

/// <param name="Application">The application; <c>Current</c> is the placement the scheduler just answered.</param>
/// <param name="Held">Replicas above their target on reachable members: the ones that should move off.</param>
/// <param name="Shortfall">Replicas the placement could put nowhere.</param>
/// <param name="Excluded">The scheduler's reason for each member that got nothing.</param>
public sealed record BlockInput(
    FleetApplication Application,
    int Held,
    int Shortfall,
    IReadOnlyList<FleetMember> Members,
    IReadOnlyDictionary<string, string> Excluded,
    DateTimeOffset Now);
