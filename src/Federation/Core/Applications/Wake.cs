using Federation.Planning;

namespace Federation.Applications;

/// <summary>When an application should reconcile on its own besides its resync: a timer set for a moment that matters.</summary>
public static class Wake
{
    /// <summary>
    /// True when a timer should be set for <paramref name="due"/>: it is earlier than the one set
    /// (<paramref name="scheduled"/>), or that one has already fired.
    /// </summary>
    public static bool Sooner(DateTimeOffset due, DateTimeOffset scheduled, DateTimeOffset now) => due < scheduled || scheduled <= now;

    /// <summary>
    /// A member holding replicas went unreachable but not for failoverAfter yet: the moment it has,
    /// so that the application fails over then rather than at its next resync. Null when none is due.
    /// </summary>
    public static DateTimeOffset? Failover(IEnumerable<FleetMember> fleet, IReadOnlyDictionary<string, int> applied, TimeSpan failoverAfter, DateTimeOffset now)
    {
        DateTimeOffset? due = null;
        foreach (var m in fleet)
        {
            if (m.UnreachableSince is { } since && applied.GetValueOrDefault(m.Name) > 0 && since + failoverAfter > now
                && (due is null || since + failoverAfter < due))
            {
                due = since + failoverAfter;
            }
        }

        return due;
    }
}
