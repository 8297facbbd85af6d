using CsCheck;
using Federation.Capacity;
using Federation.Planning;

namespace Federation.Scheduling.Tests.Planning;

public sealed class FailoverHoldTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    // Each letter is a member: R ready, U unreachable (NotReady), M unreachable in maintenance, X retired, C cordoned.
    private static List<FleetMember> Fleet(string members) => [.. members.Select((c, i) => new FleetMember(
        $"m{i}",
        new Dictionary<string, string>(),
        c switch { 'U' => MemberState.NotReady, 'M' => MemberState.Maintenance, 'X' => MemberState.Retired, 'C' => MemberState.Cordoned, _ => MemberState.Ready },
        c is 'U' or 'M' ? Now.AddMinutes(-5) : null,
        null,
        [new NodeFree(4000, 8L << 30)],
        true,
        4000,
        8L << 30))];

    [Theory]
    [InlineData("one of three unreachable: an outage, failover goes on", "RRU", 0.55, false)]
    [InlineData("two of three unreachable: more likely the host's trouble", "RUU", 0.55, true)]
    [InlineData("every member unreachable: full disruption", "UUUU", 0.55, true)]
    [InlineData("five of ten unreachable: at the threshold, not past it", "RRRRRUUUUU", 0.5, false)]
    [InlineData("six of ten unreachable, past 55%", "RRRRUUUUUU", 0.55, true)]
    [InlineData("fleets under three members never hold", "UU", 0.55, false)]
    [InlineData("members in maintenance count neither way", "RMMMU", 0.55, false)]
    [InlineData("retired members count neither way", "XXXRUU", 0.55, true)]
    [InlineData("a cordoned member that answers is not unreachable", "CCU", 0.55, false)]
    [InlineData("a fraction of 1 turns the hold off", "UUU", 1.0, false)]
    [InlineData("a fraction of 0 holds at the first unreachable member", "RRRU", 0.0, true)]
    public void Holds_failover_only_when_too_much_of_the_fleet_is_unreachable(string scenario, string members, double fraction, bool held)
    {
        Assert.True(FailoverHold.Held(Fleet(members), fraction) == held, scenario);
    }

    [Fact]
    public void A_held_failover_keeps_a_long_unreachable_member_from_counting_as_failed_over()
    {
        var member = Fleet("U")[0];
        var app = new FleetApplication("shop/web", 3, new PlacementPolicy(PlacementStrategy.Weighted), new ResourceRequest(100, 1 << 20),
            TimeSpan.FromSeconds(30), new Dictionary<string, int> { ["m0"] = 3 }, new Dictionary<string, string>());

        Assert.True(Candidates.For(member, app, ResourceRequest.None, Now).FailedOver, "five minutes unreachable, failoverAfter 30s: failed over");
        Assert.False(Candidates.For(member, app, ResourceRequest.None, Now, failoverHeld: true).FailedOver, "the same member while the fleet's failover is held");
    }

    [Fact]
    public void The_message_names_the_unreachable_members_and_the_threshold()
    {
        var message = FailoverHold.Describe(Fleet("RUU"), held: true, 0.55);

        Assert.Contains("2 of 3 members unreachable", message, StringComparison.Ordinal);
        Assert.Contains("m1, m2", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Holds_exactly_when_the_unreachable_share_passes_the_fraction()
    {
        Gen.Select(Gen.Int[0, 4].Select(i => "RUMXC"[i]).Array[0, 40], Gen.Int[0, 100]).Sample((letters, percent) =>
        {
            var fleet = Fleet(new string(letters));
            var fraction = percent / 100.0;
            var counted = letters.Count(c => c is 'R' or 'U' or 'C');
            var unreachable = letters.Count(c => c == 'U');
            var expected = counted >= FailoverHold.MinimumMembers && fraction < 1 && unreachable * 100 > percent * counted;

            // Monotone too: one more unreachable member never lifts a hold.
            var worse = Fleet(new string(letters) + "U");
            return FailoverHold.Held(fleet, fraction) == expected && (!expected || FailoverHold.Held(worse, fraction));
        });
    }
}
