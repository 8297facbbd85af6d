using Federation.Scheduling;

namespace Federation.Cli;

/// <summary>The figures after one poll and what the watch should do next.</summary>
internal sealed record DrainSnapshot(
    string Cluster,
    MemberState State,
    IReadOnlyList<ApplicationDrainProgress> Applications,
    TimeSpan Elapsed,
    DrainOutcome Outcome,
    string Message)
{
    public int Initial => Applications.Sum(a => a.Initial);

    public int Remaining => Applications.Sum(a => a.Remaining);

    public int Moved => Applications.Sum(a => a.Moved);

    public int ExitCode => Outcome switch
    {
        DrainOutcome.Completed => ExitCodes.Success,
        DrainOutcome.TimedOut => ExitCodes.TimedOut,
        DrainOutcome.Failed => ExitCodes.Failed,
        DrainOutcome.Blocked => ExitCodes.Blocked,
        _ => throw new InvalidOperationException("the drain is still in progress"),
    };
}
