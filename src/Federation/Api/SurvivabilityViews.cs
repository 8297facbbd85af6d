namespace Federation.Api;

/// <summary>The answer to a survivability plan: every loss, worst first, and the headroom that makes each survivable.</summary>
/// <param name="MilliCpuToAdd">The CPU the worst loss's unplaced replicas request (a lower bound: nodes come whole).</param>
public sealed record SurvivabilityResult(
    int Survive,
    string By,
    int Losses,
    int Unsurvivable,
    long MilliCpuToAdd,
    long MemoryBytesToAdd,
    IReadOnlyList<LossView> Scenarios);

/// <param name="Nodes">The fewest nodes like an existing member's after which the plan places everything; null when survivable or none within 20.</param>
public sealed record LossView(
    IReadOnlyList<string> Groups,
    IReadOnlyList<string> Members,
    int Unplaced,
    long MilliCpuToAdd,
    long MemoryBytesToAdd,
    NodesView? Nodes,
    IReadOnlyList<LossApplicationView> Applications);

public sealed record NodesView(string Member, int Nodes, long MilliCpuPerNode, long MemoryBytesPerNode, string Summary);

public sealed record LossApplicationView(string Application, int Replicas, int Shortfall);
