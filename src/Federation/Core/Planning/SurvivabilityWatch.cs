using Federation.Capacity;

namespace Federation.Planning;

/// <summary>
/// When the host re-evaluates survivability, and what the evaluation exports. Every single-member
/// loss is a full what-if plan of the fleet, so it runs only after something that can change the
/// answer (a member's capacity, state or labels, a placement), never more often than once per
/// interval however often the fleet changes, never twice at once, and only once every member has
/// reported (before that a member not heard from yet would read as lost). Pure.
/// </summary>
public static class SurvivabilityWatch
{
    /// <summary>The question the host watches: every single member lost.</summary>
    public static readonly SurvivabilityQuestion Question = new(1, LossGroups.ByMember);

    /// <summary>How many of the worst losses are shown (the dashboard's list), and so get a node suggestion.</summary>
    public const int Shown = 5;

    /// <summary>The longest one evaluation steps aside for reconciles waiting their turn (see <see cref="Pauses"/>).</summary>
    public static readonly TimeSpan MostPaused = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Whether an evaluation pauses before its next what-if plan: while reconciles wait for a turn (a
    /// failover is under way, and its work is what the CPU is for), up to <see cref="MostPaused"/> in
    /// all, so that a fleet that stays busy still gets its answer. Unpaused, an evaluation of
    /// 10,000 applications over ten members whose losses were short took one of two cores for the
    /// whole of a failover.
    /// </summary>
    public static bool Pauses(int reconcilesWaiting, TimeSpan pausedSoFar) => reconcilesWaiting > 0 && pausedSoFar < MostPaused;

    public static bool Due(bool changed, bool running, bool allReported, DateTimeOffset? lastStarted, DateTimeOffset now, TimeSpan interval) =>
        changed && !running && allReported && (lastStarted is not { } last || now - last >= interval);

    /// <summary>
    /// The least time between two starts: the configured interval, or ten times what the last
    /// evaluation took when that is longer, so that on a large fleet (10,000 applications over 100
    /// members take seconds) the watch uses at most about a tenth of one core. At three times,
    /// it took 15% of a two-core machine's CPU while 10,000 applications were placed, answering a
    /// question the next placement made stale.
    /// </summary>
    public static TimeSpan Spacing(TimeSpan interval, TimeSpan lastTook) => lastTook * ShareOfCore > interval ? lastTook * ShareOfCore : interval;

    private const int ShareOfCore = 10;

    /// <summary>Whether a member's new report can change the answer: labels, state, reachability or free room.</summary>
    public static bool Changes(FleetMember? before, FleetMember after) =>
        before is null
        || before.State != after.State
        || (before.UnreachableSince is null) != (after.UnreachableSince is null)
        || before.CapacityKnown != after.CapacityKnown
        || CapacityMath.Free(before.Nodes) != CapacityMath.Free(after.Nodes)
        || !MemberChanges.SameLabels(before.Labels, after.Labels);

    /// <summary>Per member, the replicas its loss leaves unplaced (0 when survivable); every member of the fleet is named.</summary>
    public static IReadOnlyDictionary<string, int> ShortfallByMember(SurvivabilityReport report) =>
        report.Losses
            .SelectMany(l => l.Members.Select(m => (Member: m, l.Unplaced)))
            .GroupBy(x => x.Member, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Max(x => x.Unplaced), StringComparer.Ordinal);
}
