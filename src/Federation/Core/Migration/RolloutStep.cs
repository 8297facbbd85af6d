namespace Federation.Migration;

/// <summary>One member as a step of a migration sees it.</summary>
/// <param name="Target">Replicas the scheduler wants there.</param>
/// <param name="Applied">Replicas its Deployment is set to now.</param>
/// <param name="Ready">Ready replicas it reports.</param>
/// <param name="Reachable">False when the member cannot be written to; its replicas above target count as lost.</param>
public sealed record MemberProgress(string Name, int Target, int Applied, int Ready, bool Reachable);

/// <param name="Replicas">The application's total.</param>
/// <param name="MaxUnavailable">How far below the total ready replicas may go while replicas move.</param>
/// <param name="StepSize">Replicas raised on targets ahead of the sources (the surge).</param>
public sealed record StepInput(int Replicas, int MaxUnavailable, int StepSize, IReadOnlyList<MemberProgress> Members);

/// <summary>
/// What to write now (member → new replicas; members not listed stay as they are), the replicas
/// still to be taken off sources, and what the step waits for when it cannot go further.
/// </summary>
public sealed record StepDecision(IReadOnlyDictionary<string, int> Writes, int Remaining, int Floor, int ReadyCounted, string? WaitingFor)
{
    public bool Converged => Remaining == 0 && Writes.Count == 0;
}
