namespace Federation.Workloads.Stateful;

/// <summary>
/// A StatefulSet across members: each member runs one contiguous, disjoint range of ordinals
/// (<c>spec.ordinals.start</c>), so pod names are unique across the fleet. One step at a time, in a
/// fixed order, towards <see cref="OrdinalLayout.Goal"/>:
/// 1. an unreachable member placed on nothing (failed over) lets its ordinals go: they are started elsewhere
///    (nothing is ever written to an unreachable member); back, its stale pods go at once once replaced;
/// 2. scaling down removes the ordinals at and above the total, the highest first fleet-wide: one member
///    at a time, once no member is still removing pods;
/// 3. an ordinal in flight (started on its new member, still running on the old) is stopped on the old
///    member once every pod of the new one is ready — never before, so ready pods do not fall;
/// 4. ordinals nobody runs are started where the goal puts them, when they extend that member's range;
/// 5. else one ordinal moves: an edge ordinal of a member that should not run it, to the member that
///    should, when it extends that member's range — so both ranges stay contiguous and at most one
///    ordinal is ever in flight. Blocks that meet move ordinals across their common edge, and a
///    member between two others is emptied from the edge next to the member taking its ordinals.
/// Pure and idempotent: called again with the same observations it returns the same step.
/// </summary>
public static class StatefulOrdinals
{
    public static OrdinalStep Next(OrdinalInput input)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(input.Replicas);
        var members = input.Members.OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        var (order, goal) = OrdinalLayout.Goal(members, input.Order);
        var ranges = members.ToDictionary(m => m.Name, m => m.Applied, StringComparer.Ordinal);
        var writes = new Dictionary<string, OrdinalRange>(StringComparer.Ordinal);
        OrdinalStep Done(OrdinalMove? inFlight, string? waiting) =>
            new(writes, inFlight, order, goal, Remaining(input.Replicas, goal, ranges), waiting);
        void Write(string member, OrdinalRange range)
        {
            writes[member] = range;
            ranges[member] = range;
        }

        // 1. Failed over: what an unreachable member ran is lost already; its ordinals are free to start elsewhere.
        //    Nothing is written to it (it cannot answer): the ranges below just leave it out. Back, placed on
        //    nothing, with every ordinal running ready elsewhere, it is emptied at once.
        foreach (var m in members.Where(m => !m.Reachable && !m.Applied.IsEmpty && m.Target == 0))
        {
            ranges[m.Name] = OrdinalRange.Empty;
        }

        foreach (var m in members.Where(m => m.Reachable && !m.Applied.IsEmpty && m.Target == 0))
        {
            var elsewhere = members.Where(o => o.Name != m.Name && !ranges[o.Name].IsEmpty && o.Ready >= ranges[o.Name].Count).Select(o => ranges[o.Name]).ToList();
            if (m.Applied.Count > 1 && m.Applied.Ordinals().All(o => elsewhere.Any(r => r.Contains(o))))
            {
                Write(m.Name, OrdinalRange.Empty);
            }
        }

        // 2. Scale down: the highest ordinals first, one member at a time (its StatefulSet removes its own highest first).
        var removing = members.FirstOrDefault(m => m.Reachable && m.Pods > ranges[m.Name].Count);
        var above = members.Where(m => ranges[m.Name].End > input.Replicas && !ranges[m.Name].IsEmpty).OrderByDescending(m => ranges[m.Name].End).ToList();
        foreach (var m in above.Where(m => !m.Reachable))
        {
            ranges[m.Name] = ranges[m.Name].Below(input.Replicas);
        }

        if (above.FirstOrDefault(m => m.Reachable) is { } highest)
        {
            if (removing is not null)
            {
                return Done(null, $"{removing.Name} is removing pods before {highest.Name} removes ordinals {ranges[highest.Name]} from {input.Replicas} up");
            }

            Write(highest.Name, ranges[highest.Name].Below(input.Replicas));
            return Done(null, null);
        }

        // 3. An ordinal in flight stops on its old member once the new member's pods are all ready.
        if (InFlight(members, ranges, goal) is { } move)
        {
            var to = members.First(m => m.Name == move.To);
            if (to.Ready < ranges[to.Name].Count)
            {
                return Done(move, $"ordinal {move.Ordinal} starting on {move.To} ({to.Ready}/{ranges[to.Name].Count} ready) before it stops on {move.From}");
            }

            Write(move.From, ranges[move.From].Without(move.Ordinal));
            return Done(null, null);
        }

        // 4. Ordinals nobody runs start where the goal puts them, extending that member's range.
        foreach (var m in members.Where(m => m.Reachable && goal.ContainsKey(m.Name)))
        {
            var grown = Grow(ranges[m.Name], goal[m.Name], o => ranges.Values.Any(r => r.Contains(o)));
            if (grown != ranges[m.Name])
            {
                Write(m.Name, grown);
            }
        }

        if (writes.Count > 0)
        {
            return Done(null, null);
        }

        // 5. One ordinal moves, the lowest that can: started on the member that should run it.
        var candidates =
            from source in members
            where source.Reachable
            from o in ranges[source.Name].Ordinals()
            where o < input.Replicas && !(goal.TryGetValue(source.Name, out var g) && g.Contains(o)) && ranges[source.Name].IsEdge(o)
            from target in members
            where target.Reachable && target.Name != source.Name && goal.TryGetValue(target.Name, out var t) && t.Contains(o) && ranges[target.Name].Touches(o)
            orderby o
            select new OrdinalMove(o, source.Name, target.Name);
        if (candidates.FirstOrDefault() is { } next)
        {
            Write(next.To, ranges[next.To].With(next.Ordinal));
            return Done(next, null);
        }

        var left = Remaining(input.Replicas, goal, ranges);
        var waiting = left == 0 ? null
            : members.Any(m => !m.Reachable && !ranges[m.Name].IsEmpty) ? $"unreachable member(s) {string.Join(", ", members.Where(m => !m.Reachable && !ranges[m.Name].IsEmpty).Select(m => m.Name))} hold ordinals"
            : "no ordinal can move without splitting a member's range";
        return Done(null, waiting);
    }

    /// <summary>An ordinal two members run: it is in flight to the member whose goal holds it.</summary>
    private static OrdinalMove? InFlight(IReadOnlyList<OrdinalMember> members, Dictionary<string, OrdinalRange> ranges, IReadOnlyDictionary<string, OrdinalRange> goal)
    {
        foreach (var a in members)
        {
            foreach (var b in members.Where(b => string.CompareOrdinal(b.Name, a.Name) > 0))
            {
                var (ra, rb) = (ranges[a.Name], ranges[b.Name]);
                var shared = Math.Max(ra.Start, rb.Start);
                if (!ra.IsEmpty && !rb.IsEmpty && shared < Math.Min(ra.End, rb.End))
                {
                    var toB = goal.TryGetValue(b.Name, out var gb) && gb.Contains(shared);
                    return toB ? new OrdinalMove(shared, a.Name, b.Name) : new OrdinalMove(shared, b.Name, a.Name);
                }
            }
        }

        return null;
    }

    /// <summary>The range extended by the goal's free ordinals next to it (from the lowest free one when empty).</summary>
    private static OrdinalRange Grow(OrdinalRange range, OrdinalRange goal, Func<int, bool> taken)
    {
        bool Free(int o) => goal.Contains(o) && !taken(o);
        if (range.IsEmpty)
        {
            var first = goal.Ordinals().Where(Free).Cast<int?>().FirstOrDefault();
            if (first is null)
            {
                return range;
            }

            range = new OrdinalRange(first.Value, 1);
        }

        while (Free(range.End))
        {
            range = range.With(range.End);
        }

        while (range.Start > 0 && Free(range.Start - 1))
        {
            range = range.With(range.Start - 1);
        }

        return range;
    }

    /// <summary>Ordinals still to remove (at or above the total) or to start where the goal puts them.</summary>
    private static int Remaining(int replicas, IReadOnlyDictionary<string, OrdinalRange> goal, Dictionary<string, OrdinalRange> ranges) =>
        ranges.Values.Sum(r => r.Ordinals().Count(o => o >= replicas))
        + goal.Sum(g => g.Value.Ordinals().Count(o => !ranges.GetValueOrDefault(g.Key).Contains(o)));
}
