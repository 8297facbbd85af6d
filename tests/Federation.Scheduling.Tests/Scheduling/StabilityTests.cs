using Federation.Scheduling;
using static Federation.Scheduling.Tests.Scheduling.Fleet;

namespace Federation.Scheduling.Tests.Scheduling;

/// <summary>Examples of the stability rules; the property tests check them over random fleets.</summary>
public class StabilityTests
{
    [Theory]
    [InlineData(PlacementStrategy.Weighted)]
    [InlineData(PlacementStrategy.Dynamic)]
    [InlineData(PlacementStrategy.Aggregated)]
    [InlineData(PlacementStrategy.Priority)]
    [InlineData(PlacementStrategy.Duplicated)]
    public void A_template_change_moves_nothing(PlacementStrategy strategy)
    {
        Candidate[] candidates = [Ready("a", 9), Ready("b", 5), Ready("c", 7)];
        var first = ReplicaScheduler.Schedule(Request(11, Policy(strategy), candidates));

        // Same inputs, the current placement being the last answer: the same answer.
        var again = ReplicaScheduler.Schedule(Request(11, Policy(strategy), candidates, Show(first.Placement)));

        Assert.Equal(Show(first.Placement), Show(again.Placement));
    }

    [Theory]
    [InlineData("replica 10 to 13, weights 5:3:2", 10, 13, "a=5,b=3,c=2")]
    [InlineData("replica 10 to 11, equal weights", 10, 11, "")]
    [InlineData("replica 13 to 7, weights 5:3:2", 13, 7, "a=5,b=3,c=2")]
    [InlineData("replica 1 to 40, weights 5:3:2", 1, 40, "a=5,b=3,c=2")]
    public void Scaling_by_k_moves_exactly_k_replicas(string @case, int from, int to, string weights)
    {
        var policy = Policy(PlacementStrategy.Weighted, weights.Length == 0 ? null : weights);
        var before = ReplicaScheduler.Schedule(Request(from, policy, ReadyMembers("a", "b", "c")));

        var after = ReplicaScheduler.Schedule(Request(to, policy, ReadyMembers("a", "b", "c"), Show(before.Placement)));

        var moved = new[] { "a", "b", "c" }.Sum(m => Math.Abs(after.Placement.GetValueOrDefault(m) - before.Placement.GetValueOrDefault(m)));
        Assert.True(moved == Math.Abs(to - from), $"{@case}: {Show(before.Placement)} -> {Show(after.Placement)}");
        Assert.All(new[] { "a", "b", "c" }, m => Assert.Equal(
            Math.Sign(to - from) >= 0,
            after.Placement.GetValueOrDefault(m) >= before.Placement.GetValueOrDefault(m)));
    }

    [Theory]
    [InlineData(PlacementStrategy.Weighted, "a=4,b=3,c=3", "b=5,c=5")]
    [InlineData(PlacementStrategy.Dynamic, "a=4,b=3,c=3", "b=5,c=5")]
    [InlineData(PlacementStrategy.Aggregated, "a=10", "b=10")]
    [InlineData(PlacementStrategy.Priority, "a=8,b=2", "b=8,c=2")]
    public void A_lost_member_moves_only_its_own_replicas(PlacementStrategy strategy, string current, string expected)
    {
        Candidate[] candidates = [In(MemberState.NotReady, "a", room: 10, failedOver: true), Ready("b", 8), Ready("c", 8)];
        if (strategy == PlacementStrategy.Aggregated)
        {
            candidates[1] = Ready("b", 10);
        }

        var result = ReplicaScheduler.Schedule(Request(10, Policy(strategy), candidates, current));

        Assert.Equal(expected, Show(result.Placement));
    }
}
