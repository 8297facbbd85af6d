using CsCheck;
using Federation.Applications;
using Federation.Planning;

namespace Federation.Scheduling.Tests.Applications;

public sealed class WakeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan FailoverAfter = TimeSpan.FromSeconds(30);

    [Theory]
    [InlineData("nothing unreachable: no wake", "east:-:2", null)]
    [InlineData("unreachable 10 s with replicas: wake in 20 s", "east:10:2", 20)]
    [InlineData("unreachable without replicas: no wake", "east:10:0", null)]
    [InlineData("unreachable past failoverAfter: failed over already, no wake", "east:30:2", null)]
    [InlineData("the soonest of two", "east:10:2,west:25:1", 5)]
    public void Wakes_when_a_member_holding_replicas_has_been_unreachable_for_failoverAfter(string name, string members, int? inSeconds)
    {
        var fleet = members.Split(',').Select(m => m.Split(':')).ToList();
        var applied = fleet.ToDictionary(m => m[0], m => int.Parse(m[2]));
        var due = Wake.Failover(fleet.Select(m => Member(m[0], m[1] == "-" ? null : Now.AddSeconds(-int.Parse(m[1])))), applied, FailoverAfter, Now);

        Assert.True((inSeconds is { } s ? Now.AddSeconds(s) : (DateTimeOffset?)null) == due, name);
    }

    [Theory]
    [InlineData("sooner than the timer set", 10, 20, true)]
    [InlineData("later than the timer set: it stays", 30, 20, false)]
    [InlineData("the same moment: it stays", 20, 20, false)]
    [InlineData("the timer set has fired", 30, -1, true)]
    [InlineData("the timer set fires now", 30, 0, true)]
    public void A_timer_is_set_again_only_for_a_sooner_moment_or_once_it_has_fired(string name, int dueIn, int scheduledIn, bool set) =>
        Assert.True(set == Wake.Sooner(Now.AddSeconds(dueIn), Now.AddSeconds(scheduledIn), Now), name);

    [Fact]
    public void The_failover_wake_is_the_earliest_future_moment_a_holding_member_reaches_failoverAfter()
    {
        Gen.Select(Gen.Int[0, 60], Gen.Int[0, 3], Gen.Bool).Array[0, 6].Sample(members =>
        {
            var fleet = members.Select((m, i) => Member($"m{i}", m.Item3 ? Now.AddSeconds(-m.Item1) : null)).ToList();
            var applied = members.Select((m, i) => (Name: $"m{i}", m.Item2)).ToDictionary(m => m.Name, m => m.Item2);
            var due = Wake.Failover(fleet, applied, FailoverAfter, Now);

            var candidates = fleet.Where(f => f.UnreachableSince is not null && applied[f.Name] > 0)
                .Select(f => f.UnreachableSince!.Value + FailoverAfter).Where(at => at > Now).ToList();
            Assert.Equal(candidates.Count == 0 ? null : candidates.Min(), due);
        });
    }

    private static FleetMember Member(string name, DateTimeOffset? unreachableSince) =>
        new(name, new Dictionary<string, string>(), MemberState.Ready, unreachableSince, null, [], true, 0, 0);
}
