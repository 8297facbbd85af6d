using CsCheck;
using Federation.Scheduling;

namespace Federation.Scheduling.Tests.Scheduling.Properties;

/// <summary>
/// The scheduler's allocation-free steps against straightforward versions of the same rules
/// (LINQ over copies, as they were written first): the same order, the same choices.
/// </summary>
public sealed class ReferenceProperties
{
    [Fact]
    public void Candidates_come_in_name_order_or_the_tie_breaks_order_whatever_order_they_are_given_in()
    {
        Gen.Select(FleetGen.Requests(FleetGen.AnyStrategy), Gen.String[Gen.Char.AlphaNumeric, 1, 12].Null(), Gen.Bool)
            .Sample((request, seed, reverse) =>
            {
                var given = request with { TieBreak = seed, Candidates = reverse ? [.. request.Candidates.Reverse()] : request.Candidates };
                var reference = seed is null
                    ? given.Candidates.OrderBy(c => c.Name, StringComparer.Ordinal)
                    : given.Candidates.OrderBy(c => StableHash.Of(seed + "/" + c.Name)).ThenBy(c => c.Name, StringComparer.Ordinal);

                var outcome = CandidateFilter.Apply(given);

                Assert.Equal(reference.Select(c => c.Name), outcome.Candidates.Select(c => c.Name));
                var known = given.Candidates.Select(c => c.Name).ToHashSet();
                Assert.Equal(
                    (given.Policy.ClusterNames ?? []).Concat(given.Current.Keys).Where(n => !known.Contains(n)).Distinct().Order(StringComparer.Ordinal),
                    outcome.Unknown);
            });
    }

    [Fact]
    public void The_spread_pins_the_same_members_as_grouping_with_linq()
    {
        FleetGen.Requests(FleetGen.AnyStrategy)
            .Where(r => r.Policy.Spread is { MinGroups: > 0 } && r.Policy.Strategy != PlacementStrategy.Duplicated)
            .Sample(request =>
            {
                var scored = MemberScorer.Score(request.Policy, CandidateFilter.Apply(request).Members);
                var (pinned, _) = SpreadSelector.Pin(scored, request.Policy, request.Replicas);

                // The first MinGroups groups' best members, each pinned if it has a min of its own or replicas remain.
                var proportional = request.Policy.Strategy is PlacementStrategy.Weighted or PlacementStrategy.Dynamic;
                var budget = Math.Min(request.Replicas, scored.Sum(m => (long)(proportional && m.Weight <= 0 ? m.Lo : m.Hi))) - scored.Sum(m => (long)m.Lo);
                var expected = ReferenceGroups(scored, request.Policy).Take(request.Policy.Spread!.MinGroups)
                    .Where(i => scored[i].Lo > 0 || budget-- > 0)
                    .Where(i => scored[i].Lo == 0)
                    .Order();
                Assert.Equal(expected, Enumerable.Range(0, scored.Count).Where(i => pinned[i].Lo != scored[i].Lo));
            });
    }

    // The rule as first written: eligible members with the label, grouped by its value, each group's best
    // (a min of its own first, then the strategy's rank), best groups first.
    private static List<int> ReferenceGroups(IReadOnlyList<ScheduledMember> members, PlacementPolicy policy)
    {
        var spread = policy.Spread!;
        var proportional = policy.Strategy is PlacementStrategy.Weighted or PlacementStrategy.Dynamic;
        (long, int) Rank(ScheduledMember m, int i) => policy.Strategy switch
        {
            PlacementStrategy.Priority => (m.Preference, i),
            PlacementStrategy.Weighted => (-m.Weight, i),
            _ => (0, i),
        };
        return [.. members
            .Select((m, i) => (Member: m, Index: i, Rank: Rank(m, i)))
            .Where(x => x.Member.Lo > 0 || (x.Member.TakesNew && x.Member.Hi > 0 && (!proportional || x.Member.Weight > 0)))
            .Where(x => x.Member.Labels.ContainsKey(spread.Label))
            .GroupBy(x => x.Member.Labels[spread.Label], StringComparer.Ordinal)
            .Select(g => g.OrderByDescending(x => x.Member.Lo > 0).ThenBy(x => x.Rank).First())
            .OrderByDescending(best => best.Member.Lo > 0)
            .ThenBy(best => best.Rank)
            .Select(best => best.Index)];
    }
}
