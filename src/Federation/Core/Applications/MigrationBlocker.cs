using Federation.Capacity;
using Federation.Planning;
using Federation.Scheduling;

namespace Federation.Applications;

/// <summary>
/// Says at once why replicas cannot leave the members they should leave, instead of letting a
/// drain run to its timeout with no reason: the numbers of the pods that do not fit, the largest
/// free space, and what a plan says would unblock them.
/// </summary>
public static class MigrationBlocker
{
    public static Blocker? Explain(BlockInput input)
    {
        // 1. Blocked: replicas that should move and that the placement could put nowhere.
        var blocked = Math.Min(input.Held, input.Shortfall);
        if (blocked <= 0)
        {
            return null;
        }

        // 2. The members that could take them: Ready, reachable, not avoided, and selected by the
        //    placement (excluded, if at all, only for want of room).
        var app = input.Application;
        var open = input.Members
            .Where(m => m.State == MemberState.Ready && m.UnreachableSince is null && !app.Avoid.ContainsKey(m.Name)
                && (!input.Excluded.TryGetValue(m.Name, out var why) || why == ExclusionReasons.NoRoom))
            .OrderBy(m => m.Name, StringComparer.Ordinal)
            .ToList();
        if (open.Count == 0)
        {
            var why = string.Join("; ", input.Excluded.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {e.Value}"));
            return new Blocker(
                BlockerReasons.NoEligibleMember,
                blocked,
                $"{blocked} replica(s) have no Ready member to go to" + (why.Length > 0 ? $" ({why})" : ""),
                "uncordon or join a member the placement selects");
        }

        // 3. The scarce resource and the largest free space of it on one node (a pod cannot span nodes).
        var request = app.PodRequest;
        var byMemory = request.MemoryBytes > 0 && !Fits(open, n => n.MemoryBytes >= request.MemoryBytes)
            && (request.MilliCpu <= 0 || Fits(open, n => n.MilliCpu >= request.MilliCpu));
        var need = byMemory ? $"{Quantities.Memory(request.MemoryBytes)} memory" : $"{Quantities.Cpu(request.MilliCpu)} CPU";
        var largest = open
            .SelectMany(m => m.Nodes.Select(n => (m.Name, Free: byMemory ? n.MemoryBytes : n.MilliCpu)))
            .OrderByDescending(n => n.Free)
            .ThenBy(n => n.Name, StringComparer.Ordinal)
            .Select(n => $"{n.Name} {(byMemory ? Quantities.Memory(n.Free) : Quantities.Cpu(n.Free))}")
            .FirstOrDefault() ?? "none known";
        // The scheduler's shortfall already says no more fit where the placement allows.
        return new Blocker(
            BlockerReasons.WaitingForCapacity,
            blocked,
            $"{blocked} replica(s) need {need} each; no Ready member has room; largest free: {largest}",
            Unblock(app, input.Members, open, input.Now));
    }

    /// <summary>What a plan says would unblock them, in words.</summary>
    private static string Unblock(FleetApplication app, IReadOnlyList<FleetMember> members, IReadOnlyList<FleetMember> open, DateTimeOffset now)
    {
        if (Unblocking.Find(app, members, open, now) is { } suggestion)
        {
            return suggestion.ToString();
        }

        var request = app.PodRequest;
        return open.Any(m => Unblocking.NodeShape(m) is { } shape && CapacityMath.PodsThatFit([shape], request, ResourceRequest.None) > 0)
            ? $"no plan with up to {Unblocking.MostNodes} added nodes places them: check the placement's bounds and spread"
            : $"add nodes of at least {Quantities.Cpu(request.MilliCpu)} CPU and {Quantities.Memory(request.MemoryBytes)} memory: no member's nodes can hold one replica";
    }

    private static bool Fits(IEnumerable<FleetMember> members, Func<NodeFree, bool> fits) => members.Any(m => m.Nodes.Any(fits));
}
