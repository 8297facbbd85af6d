namespace Federation.Planning;

/// <summary>What a survivability question is: losses of one or two groups of members, grouped by member name or a label.</summary>
/// <param name="Survive">1: every single group lost; 2: every pair of groups lost together.</param>
/// <param name="By">"member", or a label key (region, zone, ...) whose values group the members.</param>
public sealed record SurvivabilityQuestion(int Survive, string By);

/// <summary>An application that a loss would leave short: replicas that fit nowhere beyond those already unplaced now.</summary>
public sealed record LossShortfall(string Application, int Replicas, int Shortfall);

/// <summary>
/// One loss: the groups and members lost, the applications left short, the replicas that would not
/// fit, the CPU and memory those replicas request (a lower bound of the headroom to add), and the
/// fewest nodes like an existing member's after which the plan places them all (null when none within
/// <see cref="Unblocking.MostNodes"/>, or nothing is short).
/// </summary>
public sealed record MemberLoss(
    IReadOnlyList<string> Groups,
    IReadOnlyList<string> Members,
    IReadOnlyList<LossShortfall> Applications,
    int Unplaced,
    long MilliCpuToAdd,
    long MemoryBytesToAdd,
    NodeSuggestion? Nodes)
{
    public bool Survivable => Unplaced == 0;
}

/// <summary>Every loss, worst first; how many are not survivable; the headroom to add so that each one is.</summary>
public sealed record SurvivabilityReport(
    SurvivabilityQuestion Question,
    IReadOnlyList<MemberLoss> Losses,
    int Unsurvivable,
    long MilliCpuToAdd,
    long MemoryBytesToAdd);
