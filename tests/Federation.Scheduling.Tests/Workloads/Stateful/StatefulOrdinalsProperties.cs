using CsCheck;
using Federation.Workloads.Stateful;

namespace Federation.Scheduling.Tests.Workloads.Stateful;

public sealed class StatefulOrdinalsProperties
{
    /// <summary>A settled fleet (consecutive blocks in a random order) and a new division, of the same or another total.</summary>
    private static readonly Gen<(int[] From, int[] Order, int[] To)> Changes =
        from members in Gen.Int[1, 5]
        from before in Gen.Int[0, 5].Array[members]
        from order in Gen.Shuffle(Enumerable.Range(0, members).ToArray())
        from to in Gen.Int[0, 5].Array[members]
        select (before, order, to);

    /// <summary>
    /// Steps the decider against members that remove a pod at once and make a started one ready a round
    /// later: it converges to the division with disjoint ranges covering 0 … N−1, never has more than one
    /// ordinal on two members, and never has fewer ordinals below the total ready than it started with.
    /// </summary>
    [Fact]
    public void Every_change_converges_to_disjoint_complete_ranges_one_ordinal_in_flight_and_never_below_the_floor()
    {
        Changes.Sample(c =>
        {
            var replicas = c.To.Sum();
            var names = Enumerable.Range(0, c.From.Length).Select(i => $"m{i}").ToArray();
            var ranges = new OrdinalRange[names.Length];
            var next = 0;
            foreach (var i in c.Order)
            {
                ranges[i] = c.From[i] == 0 ? OrdinalRange.Empty : new OrdinalRange(next, c.From[i]);
                next += c.From[i];
            }

            var ready = ranges.Select(r => r.Ordinals().ToHashSet()).ToArray();
            var floor = Math.Min(next, replicas);
            IReadOnlyList<string>? order = null;
            for (var round = 0; round < (6 * (next + replicas)) + 6; round++)
            {
                var step = StatefulOrdinals.Next(new OrdinalInput(replicas, [.. names.Select((n, i) => new OrdinalMember(n, ranges[i], c.To[i], ranges[i].Count, ready[i].Count, true))], order));
                order = step.Order;
                if (step.Converged)
                {
                    var all = ranges.SelectMany(r => r.Ordinals()).Order().ToList();
                    return all.SequenceEqual(Enumerable.Range(0, replicas)) && names.Select((_, i) => ranges[i].Count).SequenceEqual(c.To);
                }

                var before = ranges.ToArray();
                for (var i = 0; i < names.Length; i++)
                {
                    ranges[i] = step.Writes.GetValueOrDefault(names[i], ranges[i]);
                    ready[i].IntersectWith(ranges[i].Ordinals());
                }

                var overlap = Pairs(names.Length).Sum(p => ranges[p.I].Ordinals().Intersect(ranges[p.J].Ordinals()).Count());
                var readyBelowTotal = ready.SelectMany(r => r).Where(o => o < replicas).Distinct().Count();
                if (overlap > 1 || readyBelowTotal < floor)
                {
                    return false;
                }

                // What was started before this round is ready by the next.
                for (var i = 0; i < names.Length; i++)
                {
                    ready[i].UnionWith(before[i].Ordinals().Intersect(ranges[i].Ordinals()));
                }
            }

            return false;
        }, iter: 5000);
    }

    private static IEnumerable<(int I, int J)> Pairs(int n) =>
        Enumerable.Range(0, n).SelectMany(i => Enumerable.Range(i + 1, n - i - 1).Select(j => (i, j)));

    /// <summary>
    /// Members gone dark and failed over (placed on nothing) are never written to, and the ordinals they ran
    /// start on the reachable members until those run 0 … N−1, disjoint.
    /// </summary>
    [Fact]
    public void Failed_over_members_are_never_written_and_their_ordinals_start_elsewhere()
    {
        var gen = from members in Gen.Int[2, 5]
                  from before in Gen.Int[0, 4].Array[members]
                  from dark in Gen.Bool.Array[members]
                  from to in Gen.Int[0, 4].Array[members]
                  where dark.Contains(false)
                  select (before, dark, to);
        gen.Sample(c =>
        {
            var names = Enumerable.Range(0, c.before.Length).Select(i => $"m{i}").ToArray();
            var to = c.to.Select((t, i) => c.dark[i] ? 0 : t).ToArray();
            var replicas = to.Sum();
            var ranges = new OrdinalRange[names.Length];
            var next = 0;
            for (var i = 0; i < names.Length; i++)
            {
                ranges[i] = c.before[i] == 0 ? OrdinalRange.Empty : new OrdinalRange(next, c.before[i]);
                next += c.before[i];
            }

            IReadOnlyList<string>? order = null;
            for (var round = 0; round < (6 * (next + replicas)) + 6; round++)
            {
                var step = StatefulOrdinals.Next(new OrdinalInput(replicas, [.. names.Select((n, i) => new OrdinalMember(n, ranges[i], to[i], ranges[i].Count, ranges[i].Count, !c.dark[i]))], order));
                order = step.Order;
                if (step.Writes.Keys.Any(w => c.dark[Array.IndexOf(names, w)]))
                {
                    return false;
                }

                if (step.Converged)
                {
                    var live = ranges.Where((_, i) => !c.dark[i]).SelectMany(r => r.Ordinals()).Order().ToList();
                    return live.SequenceEqual(Enumerable.Range(0, replicas));
                }

                for (var i = 0; i < names.Length; i++)
                {
                    ranges[i] = step.Writes.GetValueOrDefault(names[i], ranges[i]);
                }
            }

            return false;
        }, iter: 3000);
    }
}
