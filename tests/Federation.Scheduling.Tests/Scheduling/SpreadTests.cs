using Federation.Scheduling;
using static Federation.Scheduling.Tests.Scheduling.Fleet;

namespace Federation.Scheduling.Tests.Scheduling;

public class SpreadTests
{
    // Two roomy members in eu, a small one in us, one without a region.
    private static readonly Candidate[] Fleet3 =
        [Ready("a", labels: "region=eu"), Ready("b", labels: "region=eu"), Ready("c", room: 2, labels: "region=us"), Ready("d")];

    [Theory]
    [InlineData("replica 4, weights 10:10:1, spread over 2 regions: us gets one", PlacementStrategy.Weighted, 4, 2, "a=2,b=1,c=1")]
    [InlineData("Aggregated onto a alone, spread over 2 regions: c holds one", PlacementStrategy.Aggregated, 6, 2, "a=5,c=1")]
    [InlineData("Priority fills a, spread over 2 regions: c holds one", PlacementStrategy.Priority, 6, 2, "a=5,c=1")]
    [InlineData("spread over 1 region changes nothing", PlacementStrategy.Aggregated, 6, 1, "a=6")]
    public void Spread_pins_a_replica_in_enough_groups(string @case, PlacementStrategy strategy, int replicas, int groups, string expected)
    {
        var policy = new PlacementPolicy(strategy, Weights: Ints("a=10,b=10,c=1"), Spread: new SpreadConstraint("region", groups));

        var result = ReplicaScheduler.Schedule(Request(replicas, policy, Fleet3));

        Assert.True(Show(result.Placement) == expected, $"{@case}: got {Show(result.Placement)}");
        Assert.Empty(result.Warnings);
    }

    [Theory]
    [InlineData("3 regions asked, 2 exist (d has no region label)", 6, 3, "reaches 2 of the 3 groups asked: only 2 group(s) have a member that can take replicas")]
    [InlineData("2 regions asked, 1 replica", 1, 2, "reaches 1 of the 2 groups asked: too few replicas beyond the members' minimums")]
    public void A_spread_that_cannot_be_met_is_a_warning_not_a_shortfall(string @case, int replicas, int groups, string warning)
    {
        var policy = new PlacementPolicy(PlacementStrategy.Aggregated, Spread: new SpreadConstraint("region", groups));

        var result = ReplicaScheduler.Schedule(Request(replicas, policy, Fleet3));

        Assert.True(result.Warnings.Any(w => w.EndsWith(warning, StringComparison.Ordinal)), $"{@case}: got {string.Join("; ", result.Warnings)}");
        Assert.Equal(0, result.Shortfall);
        Assert.Equal(replicas, result.Placement.Values.Sum());
    }

    [Fact]
    public void Scaling_down_keeps_the_spread()
    {
        var policy = new PlacementPolicy(PlacementStrategy.Priority, ClusterNames: ["a", "b", "c"], Spread: new SpreadConstraint("region", 2));

        // a (eu) and c (us) hold the spread; scaling down empties c last, and not below one.
        var result = ReplicaScheduler.Schedule(Request(3, policy, Fleet3, "a=4,c=2"));

        Assert.Equal("a=2,c=1", Show(result.Placement));
    }
}
