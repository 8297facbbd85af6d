using Federation.Capacity;
using Federation.Scheduling;

namespace Federation.Planning;

/// <summary>What a new report of a member changes for the applications, from least to most.</summary>
public enum MemberChange
{
    /// <summary>Nothing a placement depends on (less free room, the same state).</summary>
    None,

    /// <summary>More free room: applications waiting for room may fit now.</summary>
    Room,

    /// <summary>
    /// It stopped answering, and nothing else changed: its applications keep their replicas there
    /// until their failoverAfter, and only need to know it (to show it, and to wake then). Those
    /// waiting for room gain nothing from it.
    /// </summary>
    Unreachable,

    /// <summary>Whether it may hold or receive replicas (state, reachability, hold-down): its applications and those waiting.</summary>
    Eligibility,

    /// <summary>New to the fleet, or its labels changed (selectors may match it now): every application.</summary>
    Everything,
}

public static class MemberChanges
{
    /// <summary>
    /// Classifies a member's report (observed at <paramref name="afterAt"/>) against its previous
    /// one (observed at <paramref name="beforeAt"/>; null: first seen). A hold-down is judged at
    /// each report's own time, so one that ran out between the two counts as a change.
    /// </summary>
    public static MemberChange Between(FleetMember? before, DateTimeOffset beforeAt, FleetMember after, DateTimeOffset afterAt)
    {
        // 1. New to the fleet, or relabelled: selectors and spreads may see it differently.
        if (before is null || !SameLabels(before.Labels, after.Labels))
        {
            return MemberChange.Everything;
        }

        // 2. It stopped answering, the lifecycle marking it NotReady (or leaving an administrative state as it was).
        var held = Held(before, beforeAt) != Held(after, afterAt);
        if (before.UnreachableSince is null && after.UnreachableSince is not null && !held
            && (before.State == after.State || (before.State == MemberState.Ready && after.State == MemberState.NotReady)))
        {
            return MemberChange.Unreachable;
        }

        // 3. Eligibility: state, reachability, hold-down.
        if (before.State != after.State
            || (before.UnreachableSince is null) != (after.UnreachableSince is null)
            || held)
        {
            return MemberChange.Eligibility;
        }

        // 4. Room: only more free CPU or memory (or capacity newly known) can let a waiting application in.
        var (cpuBefore, memoryBefore) = CapacityMath.Free(before.Nodes);
        var (cpuAfter, memoryAfter) = CapacityMath.Free(after.Nodes);
        var grew = (after.CapacityKnown && !before.CapacityKnown) || cpuAfter > cpuBefore || memoryAfter > memoryBefore;
        return grew ? MemberChange.Room : MemberChange.None;
    }

    private static bool Held(FleetMember m, DateTimeOffset now) => m.HeldDownUntil is { } until && until > now;

    public static bool SameLabels(IReadOnlyDictionary<string, string> a, IReadOnlyDictionary<string, string> b) =>
        a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
