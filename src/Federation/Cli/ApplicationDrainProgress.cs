namespace Federation.Cli;

/// <summary>One application's replicas on the member being emptied.</summary>
/// <param name="Initial">Replicas applied on the member when the watch began (or the most seen since).</param>
/// <param name="Remaining">Replicas still applied there.</param>
/// <param name="StuckReason">Why its migration is stuck, while it is.</param>
/// <param name="Blocked">Why its replicas cannot move at all, while they cannot; <paramref name="Unblock"/> says what would help.</param>
internal sealed record ApplicationDrainProgress(string Application, int Initial, int Remaining, string? StuckReason, string? Blocked = null, string? Unblock = null)
{
    public int Moved => Math.Max(0, Initial - Remaining);
}
