using Federation.Capacity;
using Federation.Scheduling;

namespace Federation.Planning;

/// <summary>A member as fleet-wide decisions (live placement and what-if plans) see it.</summary>
public sealed record FleetMember(
    string Name,
    IReadOnlyDictionary<string, string> Labels,
    MemberState State,
    DateTimeOffset? UnreachableSince,
    DateTimeOffset? HeldDownUntil,
    IReadOnlyList<NodeFree> Nodes,
    bool CapacityKnown,
    long AllocatableMilliCpu,
    long AllocatableMemoryBytes)
{
    /// <summary>
    /// Capacity the host has promised to placements there that the member's figures do not show
    /// yet (its ledger): plans count it as taken, as placement does.
    /// </summary>
    public ResourceRequest Reserved { get; init; } = ResourceRequest.None;
}

/// <summary>An application's scheduling inputs and where its replicas are now.</summary>
public sealed record FleetApplication(
    string Key,
    int Replicas,
    PlacementPolicy Policy,
    ResourceRequest PodRequest,
    TimeSpan FailoverAfter,
    IReadOnlyDictionary<string, int> Current,
    IReadOnlyDictionary<string, string> Avoid)
{
    /// <summary>The policy changed since the last placement: move running replicas to what it asks now.</summary>
    public bool Rebalance { get; init; }

    /// <summary>What one pod requests on members where per-member overrides change it; absent members use <see cref="PodRequest"/>.</summary>
    public IReadOnlyDictionary<string, ResourceRequest>? MemberPodRequests { get; init; }

    /// <summary>What one pod of this application requests on <paramref name="member"/>, overrides applied.</summary>
    public ResourceRequest PodRequestOn(string member) =>
        MemberPodRequests is { } requests && requests.TryGetValue(member, out var request) ? request : PodRequest;
}

public sealed record PlannedApplication(string Key, int Replicas, IReadOnlyDictionary<string, int> Before, IReadOnlyDictionary<string, int> After, int Moved, int Shortfall);

public sealed record PlannedMember(string Name, MemberState State, int ReplicasBefore, int ReplicasAfter, double CpuUtilisation, double MemoryUtilisation);

public sealed record FleetPlan(IReadOnlyList<PlannedApplication> Applications, IReadOnlyList<PlannedMember> Members);
