using Federation.Scheduling;
using static Federation.Scheduling.Tests.Scheduling.Fleet;

namespace Federation.Scheduling.Tests.Scheduling;

public class WeightedDivisionTests
{
    [Theory]
    [InlineData("replica 12, weights 3:2:1", 12, "a=3,b=2,c=1", "", "a=6,b=4,c=2")]
    [InlineData("replica 10, equal weights: the extra seat goes to the first name", 10, "a=1,b=1,c=1", "", "a=4,b=3,c=3")]
    [InlineData("replica 7, weights 5:3: shares 4.4 and 2.6", 7, "a=5,b=3", "", "a=5,b=2")]
    [InlineData("replica 15, weights 3:2:1: shares 7.5, 5, 2.5", 15, "a=3,b=2,c=1", "", "a=8,b=5,c=2")]
    [InlineData("replica 50, weights 100:1:1:1: Webster would give a 50 for a share of 48.5", 50, "a=100,b=1,c=1,d=1", "", "a=49,b=1")]
    [InlineData("replica 0 places nothing", 0, "a=3,b=2,c=1", "", "")]
    [InlineData("a member the weights leave out gets nothing", 6, "a=1,b=1", "", "a=3,b=3")]
    [InlineData("scale 12 to 15 from 6:4:2 only adds", 15, "a=3,b=2,c=1", "a=6,b=4,c=2", "a=8,b=5,c=2")]
    [InlineData("scale 15 to 9 only removes", 9, "a=3,b=2,c=1", "a=8,b=5,c=2", "a=5,b=3,c=1")]
    [InlineData("weights 1:1 changed to 3:1, same total: nothing moves without a rebalance", 8, "a=3,b=1", "a=4,b=4", "a=4,b=4")]
    [InlineData("weights 1:1 changed to 3:1, scale 8 to 12: the new replicas go to a", 12, "a=3,b=1", "a=4,b=4", "a=8,b=4")]
    [InlineData("weights 1:1 changed to 3:1, scale 8 to 6: b, above its share, gives back", 6, "a=3,b=1", "a=4,b=4", "a=4,b=2")]
    [InlineData("a placement within one of the shares is kept as it is", 10, "a=1,b=1,c=1", "a=3,b=3,c=4", "a=3,b=3,c=4")]
    public void Weighted_divides_by_weight_within_one_replica_of_each_share(
        string @case, int replicas, string weights, string current, string expected)
    {
        var request = Request(replicas, Policy(PlacementStrategy.Weighted, weights), ReadyMembers("a", "b", "c", "d"), current);

        var result = ReplicaScheduler.Schedule(request);

        Assert.True(Show(result.Placement) == expected, $"{@case}: got {Show(result.Placement)}");
        Assert.Equal(0, result.Shortfall);
    }

    [Theory]
    [InlineData("weights 1:1 changed to 3:1: 2 replicas move", 8, "a=3,b=1", "a=4,b=4", "a=6,b=2")]
    [InlineData("c joins: it gets its share, a and b give one each", 9, "a=1,b=1,c=1", "a=5,b=4", "a=3,b=3,c=3")]
    [InlineData("a placement within one of the shares is kept", 10, "a=1,b=1,c=1", "a=3,b=3,c=4", "a=3,b=3,c=4")]
    [InlineData("a member far above its share comes down only to its share rounded up", 10, "a=1,b=1,c=1", "a=10", "a=4,b=3,c=3")]
    public void Rebalance_moves_running_replicas_to_within_one_of_each_share(
        string @case, int replicas, string weights, string current, string expected)
    {
        var request = Request(replicas, Policy(PlacementStrategy.Weighted, weights), ReadyMembers("a", "b", "c"), current) with { Rebalance = true };

        var result = ReplicaScheduler.Schedule(request);

        Assert.True(Show(result.Placement) == expected, $"{@case}: got {Show(result.Placement)}");
    }

    [Theory]
    [InlineData("no weights: equal shares", 6, null, "a=2,b=2,c=2")]
    [InlineData("empty weights: equal shares", 7, "", "a=3,b=2,c=2")]
    public void Weighted_without_weights_divides_equally(string @case, int replicas, string? weights, string expected)
    {
        var policy = new PlacementPolicy(PlacementStrategy.Weighted, Weights: weights is null ? null : Ints(weights));

        var result = ReplicaScheduler.Schedule(Request(replicas, policy, ReadyMembers("a", "b", "c")));

        Assert.True(Show(result.Placement) == expected, $"{@case}: got {Show(result.Placement)}");
    }

    [Theory]
    [InlineData("replica 12, weights 3:2:1, c holds 1: a and b split 11 by 3:2", 12, "a=3,b=2,c=1", "c=..1", "a=7,b=4,c=1")]
    [InlineData("replica 12, equal weights, max 2 on a: b and c share the rest", 12, "", "a=..2", "a=2,b=5,c=5")]
    [InlineData("replica 12, weights 3:2:1, min 4 on c: a and b split 8 by 3:2", 12, "a=3,b=2,c=1", "c=4..", "a=5,b=3,c=4")]
    public void Weighted_shares_respect_bounds(string @case, int replicas, string weights, string bounds, string expected)
    {
        var request = Request(replicas, Policy(PlacementStrategy.Weighted, weights, bounds), ReadyMembers("a", "b", "c"));

        var result = ReplicaScheduler.Schedule(request);

        Assert.True(Show(result.Placement) == expected, $"{@case}: got {Show(result.Placement)}");
    }

    [Fact]
    public void Weight_zero_member_is_excluded_with_the_reason()
    {
        var request = Request(6, Policy(PlacementStrategy.Weighted, "a=1,b=1,c=0"), ReadyMembers("a", "b", "c"));

        var result = ReplicaScheduler.Schedule(request);

        Assert.Equal("a=3,b=3", Show(result.Placement));
        Assert.Equal("weight is 0", result.Excluded["c"]);
    }

    [Fact]
    public void Share_below_one_replica_is_the_reason_for_a_member_left_empty()
    {
        var request = Request(2, Policy(PlacementStrategy.Weighted), ReadyMembers("a", "b", "c", "d"));

        var result = ReplicaScheduler.Schedule(request);

        Assert.Equal("a=1,b=1", Show(result.Placement));
        Assert.Equal("its share rounds to 0 replicas", result.Excluded["c"]);
    }
}
