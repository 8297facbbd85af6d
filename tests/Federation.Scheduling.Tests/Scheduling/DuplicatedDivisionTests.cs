using Federation.Scheduling;
using static Federation.Scheduling.Tests.Scheduling.Fleet;

namespace Federation.Scheduling.Tests.Scheduling;

public class DuplicatedDivisionTests
{
    [Fact]
    public void Every_member_runs_all_replicas()
    {
        var result = ReplicaScheduler.Schedule(Request(3, Policy(PlacementStrategy.Duplicated), ReadyMembers("a", "b", "c")));

        Assert.Equal("a=3,b=3,c=3", Show(result.Placement));
        Assert.Equal(0, result.Shortfall);
    }

    [Fact]
    public void Shortfall_sums_what_each_member_lacks()
    {
        // b has room for 2 (lacks 1); c is cordoned with 1 (lacks 2); d has no room (lacks 3, and says why);
        // e is cordoned with none: it takes no new replicas, so it is left out rather than short.
        Candidate[] candidates =
        [
            Ready("a"), Ready("b", room: 2), In(MemberState.Cordoned, "c"), Ready("d", room: 0), In(MemberState.Cordoned, "e"),
        ];

        var result = ReplicaScheduler.Schedule(Request(3, Policy(PlacementStrategy.Duplicated), candidates, "c=1"));

        Assert.Equal("a=3,b=2,c=1", Show(result.Placement));
        Assert.Equal(1 + 2 + 3, result.Shortfall);
        Assert.Equal("no room for the pod", result.Excluded["d"]);
        Assert.Equal("cordoned: takes no new replicas", result.Excluded["e"]);
    }

    [Fact]
    public void Max_caps_a_copy()
    {
        var result = ReplicaScheduler.Schedule(Request(4, Policy(PlacementStrategy.Duplicated, bounds: "b=..1"), ReadyMembers("a", "b")));

        Assert.Equal("a=4,b=1", Show(result.Placement));
        Assert.Equal(3, result.Shortfall);
    }
}
