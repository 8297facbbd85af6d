using Federation.Capacity;
using Federation.Scheduling;

namespace Federation.Planning;

/// <summary>How one member looks to one application's placement: effective state and capacity.</summary>
public static class Candidates
{
    /// <param name="failoverHeld">Too much of the fleet is unreachable at once (<see cref="FailoverHold"/>): nothing fails over.</param>
    public static Candidate For(FleetMember m, FleetApplication app, ResourceRequest reserved, DateTimeOffset now, bool failoverHeld = false)
    {
        // 1. Unreachable longer than the application's failoverAfter: its replicas count as lost,
        //    unless the member is in a maintenance window (a planned upgrade is not an outage) or
        //    the fleet's failover is held.
        var failedOver = !failoverHeld && m.State != MemberState.Maintenance && m.UnreachableSince is { } since && now - since >= app.FailoverAfter;

        // 2. The state the scheduler sees: avoided members get nothing (as if draining); failed-over
        //    ones are NotReady; a flapping member that is held down keeps what it has.
        var effective = m.State switch
        {
            _ when app.Avoid.ContainsKey(m.Name) => MemberState.Draining,
            _ when failedOver => MemberState.NotReady,
            MemberState.Ready when m.HeldDownUntil is { } until && until > now => MemberState.Cordoned,
            var s => s,
        };

        // 3. Capacity for this application: what it runs there plus what still fits after other
        //    placements' reservations. Unknown capacity (never probed) or unreachable: no growth.
        var current = app.Current.GetValueOrDefault(m.Name);
        var noGrowth = m.UnreachableSince is not null ? ExclusionReasons.Unreachable
            : !m.CapacityKnown ? ExclusionReasons.RoomUnknown
            : null;
        var available = noGrowth is null ? current + CapacityMath.PodsThatFit(m.Nodes, app.PodRequestOn(m.Name), reserved) : current;
        var (freeCpu, freeMemory) = CapacityMath.Free(m.Nodes);
        var capacity = new MemberCapacity(freeCpu, freeMemory, m.Nodes.Count, available);
        return new Candidate(m.Name, m.Labels, effective, capacity, failedOver) { NoGrowth = noGrowth };
    }
}
