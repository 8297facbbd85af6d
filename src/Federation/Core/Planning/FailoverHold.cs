using Federation.Scheduling;

namespace Federation.Planning;

/// <summary>
/// Failover is held while too much of the fleet looks unreachable at once. A correlated loss of
/// most members is more likely the host's own trouble (its network, or a host too busy to hear
/// the probes' answers) than that many outages; failing over would pile every application onto
/// the few members left and overload them, and move everything back when the host recovers. As
/// the Kubernetes node lifecycle controller stops evicting on a full disruption and Karmada slows
/// evictions past its unhealthy-cluster threshold, the host then keeps replicas where they are:
/// the members count as NotReady (nothing new goes there) but not as failed over.
/// </summary>
public static class FailoverHold
{
    /// <summary>Below this many members (maintenance and retired ones aside) a fraction says too little: failover is never held.</summary>
    public const int MinimumMembers = 3;

    /// <summary>
    /// True when more than <paramref name="fraction"/> of the members that count are unreachable.
    /// Members in a maintenance window or retired do not count either way; a fraction of 1 or more never holds.
    /// </summary>
    public static bool Held(IEnumerable<FleetMember> members, double fraction)
    {
        var (counted, unreachable) = Tally(members);
        return counted >= MinimumMembers && fraction < 1 && (double)unreachable.Count / counted > fraction;
    }

    /// <summary>What the fleet is told when the hold begins or ends.</summary>
    public static string Describe(IEnumerable<FleetMember> members, bool held, double fraction)
    {
        var (counted, unreachable) = Tally(members);
        return held
            ? $"failover held: {unreachable.Count} of {counted} members unreachable at once ({string.Join(", ", unreachable.Order(StringComparer.Ordinal))}), more than {fraction:P0}; replicas stay where they are until members answer again"
            : $"failover resumed: {unreachable.Count} of {counted} members unreachable, at most {fraction:P0}";
    }

    /// <summary>The members that count, and the names of those among them that are unreachable.</summary>
    private static (int Counted, List<string> Unreachable) Tally(IEnumerable<FleetMember> members)
    {
        var (counted, unreachable) = (0, new List<string>());
        foreach (var m in members.Where(m => m.State is not (MemberState.Maintenance or MemberState.Retired)))
        {
            counted++;
            if (m.UnreachableSince is not null)
            {
                unreachable.Add(m.Name);
            }
        }

        return (counted, unreachable);
    }
}
