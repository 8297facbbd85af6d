namespace Federation.Applications;

/// <summary>One member as the application last knew it.</summary>
/// <param name="Target">Replicas the scheduler wants there.</param>
/// <param name="Applied">Replicas its Deployment was last set to.</param>
/// <param name="Ready">Ready replicas it last reported (stale when the member is unreachable).</param>
/// <param name="Reachable">False when the member does not answer: its figures are last-known, not current.</param>
public sealed record MemberReplicas(string Name, int Target, int Applied, int Ready, bool Reachable);

/// <summary>How one member's replicas count.</summary>
/// <param name="Ready">Ready replicas that count: only a reachable member's, and no more than applied.</param>
/// <param name="Unknown">Last-known ready replicas of an unreachable member: neither ready nor gone.</param>
/// <param name="Lost">Replicas on an unreachable member above its target whose replacements run ready elsewhere.</param>
public sealed record MemberAccount(string Name, int Target, int Applied, int Ready, int Unknown, int Lost)
{
    /// <summary>Replicas still held on the member: what a drain waits for and what keeps it from being unjoined.</summary>
    public int Remaining => Applied - Lost;
}

public sealed record ReplicaAccount(IReadOnlyList<MemberAccount> Members)
{
    public int Ready => Members.Sum(m => m.Ready);

    public int Unknown => Members.Sum(m => m.Unknown);

    public int Lost => Members.Sum(m => m.Lost);

    public MemberAccount? Of(string member) => Members.FirstOrDefault(m => m.Name == member);
}

/// <summary>
/// What an application's replicas are: ready, unknown (on a member that does not answer) or lost.
/// A member that went dark cannot be asked to scale down, so its replicas above target would stay
/// "remaining" forever and no drain, retire or unjoin of it could finish. They are written off as
/// lost once their replacements run ready elsewhere — never before, so a replica is never both
/// gone from the books and missing from the fleet.
/// </summary>
public static class ReplicaAccounting
{
    public static ReplicaAccount Count(int replicas, IReadOnlyList<MemberReplicas> members)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replicas);
        var ordered = members.OrderBy(m => m.Name, StringComparer.Ordinal).ToList();

        // 1. Ready counts only on reachable members, and no more than applied (a Deployment being
        //    scaled down still reports the replicas it is removing).
        var ready = ordered.Where(m => m.Reachable).Sum(m => Clamp(m.Ready, m.Applied));

        // 2. An unreachable member's replicas within its target are presumed running (it has not
        //    failed over); those above its target are the ones being replaced.
        var presumed = ordered.Where(m => !m.Reachable).Sum(m => Clamp(m.Applied, m.Target));
        var replaceable = ordered.Where(m => !m.Reachable).Sum(m => Excess(m));

        // 3. Replaced: ready replicas beyond what the total needs besides the replaceable ones.
        var replaced = Math.Clamp(ready + presumed - (replicas - replaceable), 0, replaceable);

        // 4. Written off member by member in name order, so the figures are deterministic.
        var accounts = new List<MemberAccount>(ordered.Count);
        foreach (var m in ordered)
        {
            var lost = m.Reachable ? 0 : Math.Min(Excess(m), replaced);
            replaced -= lost;
            accounts.Add(new MemberAccount(
                m.Name,
                m.Target,
                Math.Max(0, m.Applied),
                m.Reachable ? Clamp(m.Ready, m.Applied) : 0,
                m.Reachable ? 0 : Clamp(m.Ready, m.Applied),
                lost));
        }

        return new ReplicaAccount(accounts);
    }

    private static int Excess(MemberReplicas m) => Math.Max(0, m.Applied - Math.Max(0, m.Target));

    private static int Clamp(int value, int max) => Math.Clamp(value, 0, Math.Max(0, max));
}
