using Federation.Scheduling;
using static Federation.Scheduling.Tests.Scheduling.Fleet;

namespace Federation.Scheduling.Tests.Scheduling;

public class OrderedDivisionTests
{
    [Theory]
    [InlineData("replica 10 on room 6:8:3: the roomiest first, two members", 10, "", "a=2,b=8")]
    [InlineData("replica 3: one member is enough", 3, "", "b=3")]
    [InlineData("replica 5, c already runs 2: c is used, b joins for the rest", 5, "c=2", "b=3,c=2")]
    [InlineData("replica 2, c already runs 2: nothing moves to a roomier member", 2, "c=2", "c=2")]
    [InlineData("scale 10 to 8: the smallest holder empties first", 8, "a=2,b=8", "b=8")]
    [InlineData("replica 20 on room 17: all full", 20, "", "a=6,b=8,c=3")]
    public void Aggregated_uses_as_few_members_as_capacity_allows(string @case, int replicas, string current, string expected)
    {
        Candidate[] candidates = [Ready("a", 6), Ready("b", 8), Ready("c", 3)];

        var result = ReplicaScheduler.Schedule(Request(replicas, Policy(PlacementStrategy.Aggregated), candidates, current));

        Assert.True(Show(result.Placement) == expected, $"{@case}: got {Show(result.Placement)}");
    }

    [Theory]
    [InlineData("replica 7, order c,a: b is not named and comes last", 7, "", "a=3,b=1,c=3")]
    [InlineData("replica 4: c fills, a takes the rest", 4, "", "a=1,c=3")]
    [InlineData("scale 7 to 4: the last in the order give back first", 4, "a=3,b=1,c=3", "a=1,c=3")]
    [InlineData("c regains room at the same total: nothing is pulled back", 3, "a=3", "a=3")]
    [InlineData("scale 3 to 5 with a full: new replicas go to c first", 5, "a=3", "a=3,c=2")]
    public void Priority_fills_in_order_and_spills_over(string @case, int replicas, string current, string expected)
    {
        var policy = new PlacementPolicy(PlacementStrategy.Priority, ClusterNames: ["c", "a"]);

        var result = ReplicaScheduler.Schedule(Request(replicas, policy, [Ready("a", 3), Ready("b", 3), Ready("c", 3)], current));

        Assert.True(Show(result.Placement) == expected, $"{@case}: got {Show(result.Placement)}");
    }

    [Fact]
    public void Members_not_needed_say_so()
    {
        var aggregated = ReplicaScheduler.Schedule(Request(3, Policy(PlacementStrategy.Aggregated), [Ready("a", 6), Ready("b", 8)]));
        var priority = ReplicaScheduler.Schedule(Request(3, Policy(PlacementStrategy.Priority), [Ready("a", 6), Ready("b", 8)]));

        Assert.Equal("not needed: fewer members hold all replicas", aggregated.Excluded["a"]);
        Assert.Equal("not needed: members earlier in the order hold all replicas", priority.Excluded["b"]);
    }
}
