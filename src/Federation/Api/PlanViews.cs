namespace Federation.Api;

/// <summary>The answer to a plan: placements before and after, utilisation per member, every shortfall.</summary>
public sealed record PlanResult(
    IReadOnlyList<PlanApplicationView> Applications,
    IReadOnlyList<PlanMemberView> Members,
    int TotalShortfall,
    IReadOnlyList<string> Shortfalls);

public sealed record PlanApplicationView(
    string Application,
    int Replicas,
    IReadOnlyDictionary<string, int> Before,
    IReadOnlyDictionary<string, int> After,
    int Moved,
    int Shortfall);

public sealed record PlanMemberView(
    string Name,
    string State,
    int ReplicasBefore,
    int ReplicasAfter,
    double CpuUtilisation,
    double MemoryUtilisation);
