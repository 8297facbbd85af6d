namespace Federation.Workloads.Stateful;

/// <summary>
/// Where each member's ordinals should end up: the scheduler's counts laid out as consecutive blocks
/// from ordinal 0, in an order of members that the application keeps from one step to the next.
/// </summary>
public static class OrdinalLayout
{
    /// <summary>
    /// 1. The order is the one kept from the last step, less the members no longer placed on (target 0:
    ///    they get nothing). Without one, members that run ordinals go in the order they run them.
    /// 2. A member placed on that is not in the order yet is inserted, one at a time in name order, where it
    ///    makes the fewest pods start on a member that does not run that ordinal now; a tie goes to the
    ///    later place, so that a newcomer takes the top.
    /// 3. Blocks of the placed counts follow one another from 0.
    /// The order is kept (not recomputed from where pods run) because ranges overlap by one ordinal while
    /// it moves: an order read from them could flip mid-move and send the ordinal back.
    /// </summary>
    public static (IReadOnlyList<string> Order, IReadOnlyDictionary<string, OrdinalRange> Goal) Goal(IReadOnlyList<OrdinalMember> members, IReadOnlyList<string>? kept)
    {
        var placed = members.Where(m => m.Target > 0).ToDictionary(m => m.Name, StringComparer.Ordinal);
        var order = kept is not null
            ? kept.Where(placed.ContainsKey).Distinct(StringComparer.Ordinal).Select(n => placed[n]).ToList()
            : [.. placed.Values.Where(m => !m.Applied.IsEmpty).OrderBy(m => m.Applied.Start).ThenBy(m => m.Name, StringComparer.Ordinal)];
        var newcomers = placed.Values.Where(m => !order.Contains(m)).OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        for (var i = 0; i < newcomers.Count; i++)
        {
            var rest = newcomers.Skip(i + 1).ToList();
            var at = Enumerable.Range(0, order.Count + 1)
                .Select(at => (At: at, Cost: Starts([.. order.Take(at), newcomers[i], .. order.Skip(at), .. rest])))
                .OrderBy(c => c.Cost).ThenByDescending(c => c.At).First().At;
            order.Insert(at, newcomers[i]);
        }

        return ([.. order.Select(m => m.Name)], Blocks(order));
    }

    /// <summary>Pods that would start on a member that does not run that ordinal now.</summary>
    private static int Starts(IReadOnlyList<OrdinalMember> order)
    {
        var (cost, next) = (0, 0);
        foreach (var m in order)
        {
            var kept = m.Applied.IsEmpty ? 0 : Math.Max(0, Math.Min(next + m.Target, m.Applied.End) - Math.Max(next, m.Applied.Start));
            cost += m.Target - kept;
            next += m.Target;
        }

        return cost;
    }

    private static Dictionary<string, OrdinalRange> Blocks(IEnumerable<OrdinalMember> order)
    {
        var goal = new Dictionary<string, OrdinalRange>(StringComparer.Ordinal);
        var next = 0;
        foreach (var m in order)
        {
            goal[m.Name] = new OrdinalRange(next, m.Target);
            next += m.Target;
        }

        return goal;
    }
}
