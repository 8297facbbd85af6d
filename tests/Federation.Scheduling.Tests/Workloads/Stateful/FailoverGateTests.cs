using Federation.Workloads.Stateful;

namespace Federation.Scheduling.Tests.Workloads.Stateful;

public sealed class FailoverGateTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan After = TimeSpan.FromSeconds(30);

    private static FailoverMember M(string name, int downSeconds, int holds = 2, bool maintenance = false) =>
        new(name, downSeconds < 0 ? null : Now - TimeSpan.FromSeconds(downSeconds), maintenance, holds);

    public static TheoryData<string, StatefulFailover, FailoverMember[], string[], string[]> Cases => new()
    {
        { "default: a member dark past failoverAfter awaits confirmation", StatefulFailover.AfterConfirmation, [M("west", 31), M("east", -1)], [], ["west"] },
        { "dark for less than failoverAfter: nothing awaits yet", StatefulFailover.AfterConfirmation, [M("west", 29)], [], [] },
        { "confirmed: nothing awaits", StatefulFailover.AfterConfirmation, [M("west", 31)], ["west"], [] },
        { "holding no ordinals: nothing to confirm", StatefulFailover.AfterConfirmation, [M("west", 31, holds: 0)], [], [] },
        { "in maintenance: not failed over at all", StatefulFailover.AfterConfirmation, [M("west", 31, maintenance: true)], [], [] },
        { "Immediate never asks", StatefulFailover.Immediate, [M("west", 31)], [], [] },
        { "Never never asks", StatefulFailover.Never, [M("west", 31)], [], [] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Awaiting(string name, StatefulFailover policy, FailoverMember[] members, string[] confirmed, string[] awaiting)
    {
        Assert.True(awaiting.SequenceEqual(FailoverGate.Awaiting(policy, After, members, confirmed.ToHashSet(), Now)), name);
    }

    [Theory]
    [InlineData(StatefulFailover.AfterConfirmation, false, false)]
    [InlineData(StatefulFailover.AfterConfirmation, true, true)]
    [InlineData(StatefulFailover.Immediate, false, true)]
    [InlineData(StatefulFailover.Never, true, false)]
    public void The_scheduler_fails_over_only_when_the_policy_or_a_confirmation_allows(StatefulFailover policy, bool confirmed, bool failsOver)
    {
        Assert.Equal(failsOver ? After : FailoverGate.Held, FailoverGate.FailoverAfter(policy, After, confirmed));
    }
}
