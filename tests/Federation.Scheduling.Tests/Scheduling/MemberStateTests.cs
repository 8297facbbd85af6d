using Federation.Scheduling;
using static Federation.Scheduling.Tests.Scheduling.Fleet;

namespace Federation.Scheduling.Tests.Scheduling;

/// <summary>Six replicas, equal weights over a, b and c; c is in the state named by the case.</summary>
public class MemberStateTests
{
    [Theory]
    [InlineData("c Ready gets its share", MemberState.Ready, false, "c=2", "a=2,b=2,c=2", null)]
    [InlineData("c Ready and empty: running replicas are not moved to it", MemberState.Ready, false, "", "a=3,b=3", "replicas that run stay where they are: its share is 2 or more, a rebalance would move them")]
    [InlineData("c cordoned keeps its 2", MemberState.Cordoned, false, "c=2", "a=2,b=2,c=2", null)]
    [InlineData("c cordoned keeps up to its share: 4 down to 2", MemberState.Cordoned, false, "c=4", "a=2,b=2,c=2", null)]
    [InlineData("c cordoned with 1 gets no more", MemberState.Cordoned, false, "c=1", "a=3,b=2,c=1", null)]
    [InlineData("c cordoned with none gets none", MemberState.Cordoned, false, "", "a=3,b=3", "cordoned: takes no new replicas")]
    [InlineData("c in maintenance keeps its 2", MemberState.Maintenance, false, "c=2", "a=2,b=2,c=2", null)]
    [InlineData("c in maintenance with none gets none", MemberState.Maintenance, false, "", "a=3,b=3", "in maintenance: takes no new replicas")]
    [InlineData("c NotReady, not failed over, keeps its 2", MemberState.NotReady, false, "c=2", "a=2,b=2,c=2", null)]
    [InlineData("c NotReady with none gets none", MemberState.NotReady, false, "", "a=3,b=3", "NotReady: takes no new replicas")]
    [InlineData("c NotReady and failed over loses its 2", MemberState.NotReady, true, "c=2", "a=3,b=3", "NotReady past failoverAfter: its replicas count as lost")]
    [InlineData("c draining loses its 2", MemberState.Draining, false, "c=2", "a=3,b=3", "draining: replicas move away")]
    [InlineData("c retired holds nothing", MemberState.Retired, false, "c=2", "a=3,b=3", "retired")]
    [InlineData("a stale FailedOver flag on a Ready member is ignored", MemberState.Ready, true, "c=2", "a=2,b=2,c=2", null)]
    public void Member_state_decides_who_gets_keeps_or_loses_replicas(
        string @case, MemberState state, bool failedOver, string current, string expected, string? reason)
    {
        Candidate[] candidates = [Ready("a"), Ready("b"), In(state, "c", failedOver: failedOver)];
        var placed = current.Length == 0 ? "a=3,b=3" : "a=2,b=2";

        var result = ReplicaScheduler.Schedule(Request(6, Policy(PlacementStrategy.Weighted), candidates, $"{placed},{current}".TrimEnd(',')));

        Assert.True(Show(result.Placement) == expected, $"{@case}: got {Show(result.Placement)}");
        Assert.Equal(reason, result.Excluded.GetValueOrDefault("c"));
        Assert.Equal(0, result.Shortfall);
    }

    [Theory]
    [InlineData(PlacementStrategy.Duplicated, "a=6,b=6,c=2")]
    [InlineData(PlacementStrategy.Dynamic, "a=2,b=2,c=2")]
    [InlineData(PlacementStrategy.Aggregated, "a=2,b=2,c=2")]
    [InlineData(PlacementStrategy.Priority, "a=2,b=2,c=2")]
    public void A_cordoned_member_gets_no_new_replicas_under_any_strategy(PlacementStrategy strategy, string expected)
    {
        Candidate[] candidates = [Ready("a"), Ready("b"), In(MemberState.Cordoned, "c")];

        var result = ReplicaScheduler.Schedule(Request(6, Policy(strategy), candidates, "a=2,b=2,c=2"));

        Assert.Equal(expected, Show(result.Placement));
    }
}
