using Federation.Capacity;
using Federation.Planning;

namespace Federation.Scheduling.Tests.Planning;

public sealed class MemberChangeTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static FleetMember Member(
        MemberState state = MemberState.Ready,
        DateTimeOffset? unreachableSince = null,
        DateTimeOffset? heldDownUntil = null,
        long freeCpu = 4000,
        long freeMemory = 8L << 30,
        bool capacityKnown = true,
        string region = "eu") =>
        new("east", new Dictionary<string, string> { ["region"] = region }, state, unreachableSince, heldDownUntil,
            [new NodeFree(freeCpu, freeMemory)], capacityKnown, 8000, 16L << 30);

    public static TheoryData<string, FleetMember?, int, FleetMember, int, MemberChange> Cases => new()
    {
        { "first report of a member: every application", null, 0, Member(), 0, MemberChange.Everything },
        { "relabelled: every application", Member(), 0, Member(region: "us"), 1, MemberChange.Everything },
        { "nothing changed: nobody", Member(), 0, Member(), 1, MemberChange.None },
        { "less free room: nobody", Member(), 0, Member(freeCpu: 3000), 1, MemberChange.None },
        { "more free CPU: those waiting for room", Member(freeCpu: 3000), 0, Member(), 1, MemberChange.Room },
        { "more free memory: those waiting for room", Member(freeMemory: 1L << 30), 0, Member(), 1, MemberChange.Room },
        { "capacity known for the first time: those waiting for room", Member(capacityKnown: false), 0, Member(), 1, MemberChange.Room },
        { "cordoned: its applications and those waiting", Member(), 0, Member(MemberState.Cordoned), 1, MemberChange.Eligibility },
        { "went unreachable, marked NotReady: its applications are told", Member(), 0, Member(MemberState.NotReady, unreachableSince: T0), 1, MemberChange.Unreachable },
        { "went unreachable while draining: its applications are told", Member(MemberState.Draining), 0, Member(MemberState.Draining, unreachableSince: T0), 1, MemberChange.Unreachable },
        { "went unreachable and cordoned in one report: eligibility", Member(), 0, Member(MemberState.Cordoned, unreachableSince: T0), 1, MemberChange.Eligibility },
        { "went unreachable as a hold-down began: eligibility", Member(), 0, Member(MemberState.NotReady, unreachableSince: T0, heldDownUntil: T0.AddSeconds(60)), 1, MemberChange.Eligibility },
        { "answers again: its applications and those waiting", Member(MemberState.NotReady, unreachableSince: T0), 0, Member(), 1, MemberChange.Eligibility },
        { "still unreachable: nobody", Member(unreachableSince: T0), 1, Member(unreachableSince: T0), 2, MemberChange.None },
        { "hold-down ran out between reports: eligibility", Member(heldDownUntil: T0.AddSeconds(5)), 1, Member(heldDownUntil: T0.AddSeconds(5)), 6, MemberChange.Eligibility },
        { "hold-down still running: nobody", Member(heldDownUntil: T0.AddSeconds(50)), 1, Member(heldDownUntil: T0.AddSeconds(50)), 6, MemberChange.None },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Change_between_reports(string why, FleetMember? before, int beforeAt, FleetMember after, int afterAt, MemberChange expected) =>
        Assert.True(expected == MemberChanges.Between(before, T0.AddSeconds(beforeAt), after, T0.AddSeconds(afterAt)), why);
}
