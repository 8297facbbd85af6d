namespace Federation.Scheduling;

// The scheduling core's vocabulary. Pure data: no Orleans, no Kubernetes types
// (a test enforces it), so that the same code serves the live control plane,
// what-if plans and the benchmark.

/// <summary>A member's lifecycle state; it decides whether the member may get, keep or lose replicas.</summary>
public enum MemberState
{
    Ready,
    NotReady,
    Cordoned,
    Draining,
    Retired,
    Maintenance,
}

/// <summary>How an application's replicas are divided across the selected members.</summary>
public enum PlacementStrategy
{
    Duplicated,
    Weighted,
    Dynamic,
    Aggregated,
    Priority,
}

/// <summary>CPU (millicores) and memory (bytes) one pod asks for.</summary>
public sealed record ResourceRequest(long MilliCpu, long MemoryBytes)
{
    public static ResourceRequest None { get; } = new(0, 0);

    /// <summary>Pods an amount stands for (a promise of several pods); 0 for one pod's request.</summary>
    public long Pods { get; init; }
}

/// <summary>
/// What a member can hold. <paramref name="AvailableReplicas"/>, when known, is how many
/// pods of this application the member can run in total, counting those it already runs;
/// otherwise the scheduler estimates it from the free CPU and memory.
/// </summary>
public sealed record MemberCapacity(long FreeMilliCpu, long FreeMemoryBytes, int NodeCount, int? AvailableReplicas = null)
{
    public static MemberCapacity Unlimited { get; } = new(long.MaxValue, long.MaxValue, 1);
}

/// <summary>
/// One member as the scheduler sees it. <paramref name="FailedOver"/> marks a NotReady member
/// that has been down longer than the application's failoverAfter: its replicas count as lost.
/// </summary>
public sealed record Candidate(
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    MemberState State,
    MemberCapacity Capacity,
    bool FailedOver = false)
{
    /// <summary>
    /// Why the member may hold no more than it runs whatever room it has (its capacity not read yet, or
    /// it does not answer): the reason it is left out with when it runs none. Null when its room decides.
    /// </summary>
    public string? NoGrowth { get; init; }
}

/// <summary>Per-member lower and upper bounds on the replicas it runs.</summary>
public sealed record ReplicaBounds(int Min = 0, int? Max = null);

/// <summary>Spread the replicas over at least <paramref name="MinGroups"/> values of a label (region, zone).</summary>
public sealed record SpreadConstraint(string Label, int MinGroups);

/// <summary>An application's placement policy.</summary>
public sealed record PlacementPolicy(
    PlacementStrategy Strategy,
    IReadOnlyList<string>? ClusterNames = null,
    IReadOnlyDictionary<string, string>? ClusterSelector = null,
    IReadOnlyDictionary<string, int>? Weights = null,
    IReadOnlyDictionary<string, ReplicaBounds>? Bounds = null,
    SpreadConstraint? Spread = null);

/// <summary>Everything one placement decision depends on.</summary>
public sealed record SchedulingRequest(
    int Replicas,
    PlacementPolicy Policy,
    ResourceRequest PodRequest,
    IReadOnlyList<Candidate> Candidates,
    IReadOnlyDictionary<string, int> Current)
{
    /// <summary>
    /// Move running replicas, if need be, so that the placement is again what the policy asks
    /// for: Weighted and Dynamic within one replica of each member's share, Priority filled in
    /// order, Aggregated on as few members as possible. For a changed policy (weights, bounds,
    /// selection) or an operator's explicit rebalance; never for a scale or a template update.
    /// Without it (the default) running replicas move only when they must: their member is lost,
    /// drained or over its capacity or bounds.
    /// </summary>
    public bool Rebalance { get; init; }

    /// <summary>
    /// Members whose claims tie are taken in an order fixed per application — a stable hash of
    /// this value and the member's name — rather than in name order, so that a fleet of
    /// applications with the same policy spreads over the members instead of piling onto the
    /// first names. The host passes the application's key; null keeps name order.
    /// </summary>
    public string? TieBreak { get; init; }
}

/// <summary>
/// The decision: replicas per member (members with none are absent), the replicas that could
/// not be placed, and why each member that was left out was left out.
/// </summary>
public sealed record SchedulingResult(
    IReadOnlyDictionary<string, int> Placement,
    int Shortfall,
    IReadOnlyDictionary<string, string> Excluded)
{
    /// <summary>
    /// What the decision could not fully honour, in words an operator can act on: why there is a
    /// shortfall, or a spread that covers fewer groups than asked. Empty when everything was met.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
