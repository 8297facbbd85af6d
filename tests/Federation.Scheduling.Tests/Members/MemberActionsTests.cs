using Federation.Membership;

namespace Federation.Scheduling.Tests.Members;

public sealed class MemberActionsTests
{
    [Theory]
    [InlineData("cordon", MemberState.Cordoned, false, false)]
    [InlineData("uncordon", MemberState.Ready, false, false)]
    [InlineData("drain", MemberState.Draining, false, true)]
    [InlineData("maintain", MemberState.Maintenance, false, true)]
    [InlineData("retire", MemberState.Retired, true, true)]
    public void Each_action_asks_for_its_state(string name, MemberState target, bool adminOnly, bool schedulable)
    {
        var action = MemberActions.Find(name);
        Assert.NotNull(action);
        Assert.Equal((target, adminOnly, schedulable), (action.Target, action.AdminOnly, action.Schedulable));
    }

    [Theory]
    [InlineData("Drain")]
    [InlineData("DRAIN")]
    [InlineData(" drain")]
    [InlineData("unjoin")]
    [InlineData("")]
    [InlineData(null)]
    public void Only_the_exact_lower_case_names_are_actions(string? name) => Assert.Null(MemberActions.Find(name));

    [Theory]
    [InlineData("drain", MemberState.Draining, true)]
    [InlineData("drain", MemberState.Retired, false)]
    [InlineData("retire", MemberState.Draining, true)]
    [InlineData("retire", MemberState.Retired, true)]
    [InlineData("retire", MemberState.Ready, false)]
    [InlineData("cordon", MemberState.Cordoned, false)]
    public void A_member_is_being_emptied_only_in_the_states_its_action_leaves_it_in(string name, MemberState state, bool emptying) =>
        Assert.Equal(emptying, MemberActions.Find(name)!.Emptying.Contains(state));

    [Fact]
    public void An_emptying_action_targets_a_state_it_keeps_emptying_in() =>
        Assert.All(MemberActions.All.Where(a => a.Emptying.Count > 0), a => Assert.Contains(a.Target, a.Emptying));
}
