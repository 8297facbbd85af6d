using CsCheck;
using Federation.Capacity;
using Federation.Planning;
using Federation.Scheduling;

namespace Federation.Scheduling.Tests.Planning;

public sealed class LossNodesTests
{
    private static FleetMember Member(string name) =>
        new(name, new Dictionary<string, string>(), MemberState.Ready, null, null, [new NodeFree(4000, 8L << 30), new NodeFree(4000, 8L << 30)], true, 8000, 16L << 30);

    private static readonly IReadOnlyList<FleetMember> Members = [Member("a"), Member("b"), Member("c"), Member("d")];

    /// <summary>Nodes added to each member in a candidate fleet (the two each starts with taken off).</summary>
    private static Dictionary<string, int> Added(List<FleetMember> fleet) => fleet.ToDictionary(m => m.Name, m => m.Nodes.Count - 2);

    /// <summary>The search as it was written first: every count from the least upwards, member by member.</summary>
    private static NodeSuggestion? Linear(IReadOnlyList<FleetMember> members, long cpu, Func<List<FleetMember>, bool> survives)
    {
        NodeSuggestion? best = null;
        foreach (var m in members.OrderBy(m => Math.Max(1, (cpu + 3999) / 4000)).ThenBy(m => m.Name, StringComparer.Ordinal))
        {
            var shape = Unblocking.NodeShape(m)!;
            for (var k = (int)Math.Max(1, (cpu + 3999) / 4000); k <= (best?.Nodes - 1 ?? Unblocking.MostNodes); k++)
            {
                if (survives([.. members.Select(x => x.Name == m.Name ? Unblocking.Grow(x, shape, k) : x)]))
                {
                    best = new NodeSuggestion(m.Name, k, shape);
                    break;
                }
            }
        }

        return best;
    }

    [Fact]
    public void A_shortfall_no_room_can_mend_costs_one_plan_per_member_and_suggests_nothing()
    {
        var plans = 0;

        var nodes = LossNodes.Find(Members, [], 4000, 1L << 30, _ =>
        {
            plans++;
            return false;
        });

        Assert.Null(nodes);
        Assert.Equal(Members.Count, plans); // it was four members times twenty counts
    }

    [Fact]
    public void The_fewest_nodes_on_the_first_member_by_name_that_takes_them_are_suggested()
    {
        // b needs 5 more nodes, d needs 3: d, with 3.
        var nodes = LossNodes.Find(Members, [], 4000, 1L << 30, fleet => Added(fleet) is var added && (added["b"] >= 5 || added["d"] >= 3));

        Assert.Equal(("d", 3), (nodes!.Member, nodes.Nodes));
    }

    [Fact]
    public void When_more_nodes_never_take_room_away_the_search_finds_what_every_count_tried_in_turn_finds()
    {
        // Each member is mended by some count of its own (or never, 0); the fleet survives once any one is.
        Gen.Select(Gen.Int[0, 25].Array[4], Gen.Long[1, 40_000]).Sample((needs, cpu) =>
        {
            bool Survives(List<FleetMember> fleet) => Added(fleet).Any(a => needs[a.Key[0] - 'a'] is > 0 and var need && a.Value >= need);
            var found = LossNodes.Find(Members, [], cpu, 1L << 30, Survives);
            var expected = Linear(Members, cpu, Survives);
            return (found?.Member, found?.Nodes) == (expected?.Member, expected?.Nodes);
        });
    }
}
