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
    /// <param name="suggestNodesFor">
    /// How many of the worst short losses get a node suggestion (all when null): each is a search of
    /// what-if plans, the larger part of an evaluation's cost once losses are short, so a watch that
    /// shows only the worst few asks for those.
    /// </param>
    /// <param name="beforePlan">Called before each what-if plan of a loss: a caller that shares the CPU may pause there.</param>
    public static (SurvivabilityReport? Report, string? Refusal) Evaluate(
        SurvivabilityQuestion question,
        IReadOnlyList<FleetMember> members,
        IReadOnlyList<FleetApplication> applications,
        DateTimeOffset now,
        int? suggestNodesFor = null,
        Action? beforePlan = null)
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

        // 3. Each loss, worst first (most unplaced, then by group names); then the fewest nodes that
        //    would mend each short one, worst first, as many as asked for.
        var context = new LossContext(members, applications, baseline, settled, now, beforePlan ?? (() => { }));
        var evaluated = losses
            .Select(l => Loss([.. l.Select(i => groups[i].Group)], [.. l.SelectMany(i => groups[i].Members)], context))
            .OrderByDescending(l => l.Unplaced)
            .ThenBy(l => string.Join(",", l.Groups), StringComparer.Ordinal)
            .Select((l, rank) => !l.Survivable && rank < (suggestNodesFor ?? int.MaxValue) ? l with { Nodes = Nodes(l, context) } : l)
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

    /// <summary>What every loss of one evaluation is measured against.</summary>
    private sealed record LossContext(
        IReadOnlyList<FleetMember> Members,
        IReadOnlyList<FleetApplication> Applications,
        Dictionary<string, int> Baseline,
        HashSet<string> Settled,
        DateTimeOffset Now,
        Action BeforePlan);

    /// <summary>The loss of <paramref name="lost"/>, without a node suggestion.</summary>
    private static MemberLoss Loss(IReadOnlyList<string> groups, IReadOnlyList<string> lost, LossContext context)
    {
        var (members, apps) = Affected(lost, context);
        var shortfalls = Shortfalls(members, apps, context);
        if (shortfalls.Count == 0)
        {
            return new MemberLoss(groups, lost, [], 0, 0, 0, null);
        }

        var requests = context.Applications.ToDictionary(a => a.Key, a => a.PodRequest, StringComparer.Ordinal);
        var cpu = shortfalls.Sum(s => s.Shortfall * requests[s.Application].MilliCpu);
        var memory = shortfalls.Sum(s => s.Shortfall * requests[s.Application].MemoryBytes);
        return new MemberLoss(groups, lost, shortfalls, shortfalls.Sum(s => s.Shortfall), cpu, memory, null);
    }

    private static NodeSuggestion? Nodes(MemberLoss loss, LossContext context)
    {
        var (members, apps) = Affected(loss.Members, context);
        return LossNodes.Find(members, apps, loss.MilliCpuToAdd, loss.MemoryBytesToAdd, m => Shortfalls(m, apps, context).Count == 0);
    }

    /// <summary>
    /// The fleet without the lost members, and what it must plan again: the applications that ran on a
    /// lost member and those the plan moves or cannot place anyway (they compete for the same room). A
    /// settled application keeps its replicas, which members' figures already count, so it takes nothing.
    /// </summary>
    private static (List<FleetMember> Members, List<FleetApplication> Applications) Affected(IReadOnlyList<string> lost, LossContext context)
    {
        var gone = lost.ToHashSet(StringComparer.Ordinal);
        return Without(gone, context.Members, context.Applications.Where(a => !context.Settled.Contains(a.Key) || a.Current.Keys.Any(gone.Contains)).ToList());
    }

    private static List<LossShortfall> Shortfalls(IReadOnlyList<FleetMember> members, IReadOnlyList<FleetApplication> applications, LossContext context)
    {
        context.BeforePlan();
        return [.. FleetPlanner.Evaluate(members, applications, context.Now).Applications
            .Where(a => a.Shortfall > context.Baseline.GetValueOrDefault(a.Key))
            .Select(a => new LossShortfall(a.Key, a.Replicas, a.Shortfall - context.Baseline.GetValueOrDefault(a.Key)))];
    }
}
