using Federation.Planning;

namespace Federation.Grains;

// The fleet-wide failover hold: while too many members are unreachable at once, nothing fails over.
public sealed partial class HostClusterGrain
{
    private bool _failoverHeld;

    /// <summary>
    /// Decides the hold again after a member changed. When it ends, the applications on members
    /// still unreachable are told at once: their failover was only waiting for the hold.
    /// </summary>
    private void CheckFailoverHold()
    {
        var members = _members.Values.Select(m => m.Member).ToList();
        var fraction = options.Value.FailoverHoldFraction;
        var held = FailoverHold.Held(members, fraction);
        if (held == _failoverHeld)
        {
            return;
        }

        _failoverHeld = held;
        Observability.FederationMetrics.FailoverHeld.Set(held ? 1 : 0);
        var message = FailoverHold.Describe(members, held, fraction);
        EventRecorder.Record(GrainFactory, new EventView(time.GetUtcNow(), held ? "FailoverHeld" : "FailoverResumed", null, null, null, null, 0, held ? "FailoverHeld" : "FailoverResumed", message));
        if (!held)
        {
            foreach (var m in members.Where(m => m.UnreachableSince is not null))
            {
                Poke(_index.AffectedBy(m.Name, MemberChange.Eligibility), message);
            }
        }
    }
}
