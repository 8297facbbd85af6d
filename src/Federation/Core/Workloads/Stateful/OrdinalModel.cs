namespace Federation.Workloads.Stateful;

/// <summary>One member as the ordinal decider sees it.</summary>
/// <param name="Applied">The range its StatefulSet was last written with.</param>
/// <param name="Target">Replicas the scheduler places there.</param>
/// <param name="Pods">Pods its StatefulSet reports (it removes the highest first, one at a time).</param>
/// <param name="Ready">Ready pods it reports for the applied range (0 while the report is older than the last write).</param>
/// <param name="Reachable">False when the member cannot be written to.</param>
public sealed record OrdinalMember(string Name, OrdinalRange Applied, int Target, int Pods, int Ready, bool Reachable);

/// <param name="Replicas">The application's total: the ordinals are 0 … Replicas − 1.</param>
/// <param name="Order">The order of members along the ordinals that the last step returned (null the first time).</param>
public sealed record OrdinalInput(int Replicas, IReadOnlyList<OrdinalMember> Members, IReadOnlyList<string>? Order = null);

/// <summary>An ordinal started on <paramref name="To"/> and still running on <paramref name="From"/>.</summary>
public sealed record OrdinalMove(int Ordinal, string From, string To);

/// <summary>
/// What to write now (member → range; members not listed stay as they are), the ordinal in flight
/// (at most one), the order of members to keep for the next step and the ranges the application is
/// heading for, how many ordinals are still to move or be removed, and what the step waits for.
/// </summary>
public sealed record OrdinalStep(
    IReadOnlyDictionary<string, OrdinalRange> Writes,
    OrdinalMove? InFlight,
    IReadOnlyList<string> Order,
    IReadOnlyDictionary<string, OrdinalRange> Goal,
    int Remaining,
    string? WaitingFor)
{
    public bool Converged => Remaining == 0 && Writes.Count == 0 && InFlight is null;
}
