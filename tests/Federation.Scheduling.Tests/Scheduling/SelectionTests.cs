using Federation.Scheduling;
using static Federation.Scheduling.Tests.Scheduling.Fleet;

namespace Federation.Scheduling.Tests.Scheduling;

public class SelectionTests
{
    private static readonly Candidate[] Regions =
        [Ready("a", labels: "region=eu"), Ready("b", labels: "region=us"), Ready("c", labels: "region=eu,tier=gold")];

    [Theory]
    [InlineData("clusterNames a,c leaves b out", "a,c", null, "a=2,c=2", "b", "not in clusterNames")]
    [InlineData("a name that is not a member is left out as such", "a,x", null, "a=4", "x", "not a member")]
    [InlineData("clusterSelector region=eu leaves b out", null, "region=eu", "a=2,c=2", "b", "labels do not match clusterSelector")]
    [InlineData("every selector label must match", null, "region=eu,tier=gold", "c=4", "a", "labels do not match clusterSelector")]
    [InlineData("clusterNames and clusterSelector both apply", "a,b", "region=eu", "a=4", "b", "labels do not match clusterSelector")]
    public void Selection_by_names_and_labels(string @case, string? names, string? selector, string expected, string left, string reason)
    {
        var policy = new PlacementPolicy(PlacementStrategy.Weighted, ClusterNames: names?.Split(','), ClusterSelector: selector is null ? null : Labels(selector));

        var result = ReplicaScheduler.Schedule(Request(4, policy, Regions));

        Assert.True(Show(result.Placement) == expected, $"{@case}: got {Show(result.Placement)}");
        Assert.Equal(reason, result.Excluded[left]);
    }

    [Fact]
    public void Replicas_on_a_member_that_left_the_fleet_are_placed_elsewhere()
    {
        var result = ReplicaScheduler.Schedule(Request(6, Policy(PlacementStrategy.Weighted), ReadyMembers("a", "b"), "a=2,b=2,gone=2"));

        Assert.Equal("a=3,b=3", Show(result.Placement));
        Assert.Equal("not a member", result.Excluded["gone"]);
    }

    [Fact]
    public void The_order_of_candidates_does_not_matter()
    {
        var forward = ReplicaScheduler.Schedule(Request(10, Policy(PlacementStrategy.Weighted), ReadyMembers("a", "b", "c")));
        var backward = ReplicaScheduler.Schedule(Request(10, Policy(PlacementStrategy.Weighted), ReadyMembers("c", "b", "a")));

        Assert.Equal(Show(forward.Placement), Show(backward.Placement));
    }
}
