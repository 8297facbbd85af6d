namespace Federation.Cli;

/// <summary>What an application's migration off the member says about itself, as the drain watch needs it.</summary>
/// <param name="StuckReason">Why it made no progress for a step timeout, while it does not.</param>
/// <param name="Blocked">Why its replicas cannot move at all (e.g. "WaitingForCapacity: 3 replica(s) need 2500m CPU each; ..."), while they cannot.</param>
/// <param name="Unblock">What a plan says would let them move (e.g. "add 1 node(s) like west's ...").</param>
internal sealed record MigrationStatus(string? StuckReason, string? Blocked = null, string? Unblock = null)
{
    public static MigrationStatus None { get; } = new(StuckReason: null);
}
