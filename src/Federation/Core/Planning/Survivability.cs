using Federation.Scheduling;

namespace Federation.Planning;

/// <summary>
/// What would happen if a member (or every member with one value of a label) were lost now: each
/// loss is a what-if plan of the fleet without those members and without the replicas they ran
/// (the live scheduling code, capacity taken in key order as the host does), compared with the plan
/// of the fleet as it is. Pure: nothing changes.
/// </summary>
public static class Survivability
{
    public static (SurvivabilityReport? Report, string? Refusal) Evaluate(
        SurvivabilityQuestion question, IReadOnlyList<FleetMember> members, IReadOnlyList<FleetApplication> applications, DateTimeOffset now)
    {
        // 1. The groups lost together and the losses asked about (pairs are bounded).
        var groups = LossGroups.Of(members, question.By);
        var (losses, refusal) = LossGroups.Scenarios(groups.Count, question.Survive);
        if (refusal is not null)
        {
            return (null, refusal);
        }

        // 2. What is unplaced already: a loss is judged by what it adds to that. Applications the
        //    plan leaves where they are stay there in every loss that spares their members.
        var plan = FleetPlanner.Evaluate(members, applications, now).Applications;
        var baseline = plan.ToDictionary(a => a.Key, a => a.Shortfall, StringComparer.Ordinal);
        var settled = plan.Where(a => a.Shortfall == 0 && Placements.Same(a.Before, a.After)).Select(a => a.Key).ToHashSet(StringComparer.Ordinal);

        // 3. Each loss, worst first (most unplaced, then by group names).
        var evaluated = losses
            .Select(l => Loss([.. l.Select(i => groups[i].Group)], [.. l.SelectMany(i => groups[i].Members)], members, applications, baseline, settled, now))
            .OrderByDescending(l => l.Unplaced)
            .ThenBy(l => string.Join(",", l.Groups), StringComparer.Ordinal)
            .ToList();
        return (new SurvivabilityReport(
            question,
            evaluated,
            evaluated.Count(l => !l.Survivable),
            evaluated.Select(l => l.MilliCpuToAdd).DefaultIfEmpty().Max(),
            evaluated.Select(l => l.MemoryBytesToAdd).DefaultIfEmpty().Max()), null);
    }

    /// <summary>The fleet without <paramref name="lost"/>, and every placement without its replicas there.</summary>
    public static (List<FleetMember> Members, List<FleetApplication> Applications) Without(
        IReadOnlyCollection<string> lost, IReadOnlyList<FleetMember> members, IReadOnlyList<FleetApplication> applications) =>
        ([.. members.Where(m => !lost.Contains(m.Name))],
         [.. applications.Select(a => a.Current.Keys.Any(lost.Contains)
            ? a with { Current = a.Current.Where(c => !lost.Contains(c.Key)).ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal) }
            : a)]);

    private static MemberLoss Loss(
        IReadOnlyList<string> groups, IReadOnlyList<string> lost, IReadOnlyList<FleetMember> all, IReadOnlyList<FleetApplication> applications,
        Dictionary<string, int> baseline, HashSet<string> settled, DateTimeOffset now)
    {
        // Only what the loss can change is planned again: the applications that ran on a lost member
        // and those the plan moves or cannot place anyway (they compete for the same room). A settled
        // application keeps its replicas, which members' figures already count, so it takes nothing.
        var gone = lost.ToHashSet(StringComparer.Ordinal);
        var (members, apps) = Without(gone, all, applications.Where(a => !settled.Contains(a.Key) || a.Current.Keys.Any(gone.Contains)).ToList());
        var shortfalls = Shortfalls(members, apps, baseline, now);
        if (shortfalls.Count == 0)
        {
            return new MemberLoss(groups, lost, [], 0, 0, 0, null);
        }

        var requests = applications.ToDictionary(a => a.Key, a => a.PodRequest, StringComparer.Ordinal);
        var cpu = shortfalls.Sum(s => s.Shortfall * requests[s.Application].MilliCpu);
        var memory = shortfalls.Sum(s => s.Shortfall * requests[s.Application].MemoryBytes);
        var nodes = LossNodes.Find(members, apps, cpu, memory, m => Shortfalls(m, apps, baseline, now).Count == 0);
        return new MemberLoss(groups, lost, shortfalls, shortfalls.Sum(s => s.Shortfall), cpu, memory, nodes);
    }

    private static List<LossShortfall> Shortfalls(
        IReadOnlyList<FleetMember> members, IReadOnlyList<FleetApplication> applications, Dictionary<string, int> baseline, DateTimeOffset now) =>
        [.. FleetPlanner.Evaluate(members, applications, now).Applications
            .Where(a => a.Shortfall > baseline.GetValueOrDefault(a.Key))
            .Select(a => new LossShortfall(a.Key, a.Replicas, a.Shortfall - baseline.GetValueOrDefault(a.Key)))];
}
