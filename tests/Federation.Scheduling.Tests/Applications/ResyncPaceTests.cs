using CsCheck;
using Federation.Applications;
using Federation.Migration;

namespace Federation.Scheduling.Tests.Applications;

public sealed class ResyncPaceTests
{
    private static readonly TimeSpan Fast = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan Steady = TimeSpan.FromSeconds(60);

    private static readonly StepDecision Converged = new(new Dictionary<string, int>(), 0, 3, 3, null);

    public static TheoryData<string, StepDecision, MemberProgress[], bool, int, int, bool> SettledCases => new()
    {
        { "every member at its target and ready", Converged, [new("east", 2, 2, 2, true), new("west", 1, 1, 1, true)], false, 0, 0, true },
        { "no members and nothing to place", Converged, [], false, 0, 0, true },
        { "more ready than applied (a scale-down finishing)", Converged, [new("east", 2, 2, 3, true)], false, 0, 0, true },
        { "a step still to write", new(new Dictionary<string, int> { ["east"] = 3 }, 1, 3, 2, null), [new("east", 3, 2, 2, true)], false, 0, 0, false },
        { "replicas still to take off a source", new(new Dictionary<string, int>(), 1, 3, 3, "ready"), [new("east", 0, 1, 1, true)], false, 0, 0, false },
        { "a member not yet ready", Converged, [new("east", 2, 2, 1, true)], false, 0, 0, false },
        { "a member out of reach, still placed on (failoverAfter not over)", Converged, [new("east", 2, 2, 2, false)], false, 0, 0, false },
        { "replicas left on an unreachable member they were taken off (lowered when it returns)", new(new Dictionary<string, int>(), 1, 3, 3, "unreachable"), [new("east", 3, 3, 3, true), new("west", 0, 1, 1, false)], false, 0, 0, true },
        { "replicas left on an unreachable member and one still to take off a reachable one", new(new Dictionary<string, int>(), 2, 3, 3, "ready"), [new("east", 3, 4, 4, true), new("west", 0, 1, 1, false)], false, 0, 0, false },
        { "replicas left on an unreachable member but a step to write", new(new Dictionary<string, int> { ["east"] = 3 }, 1, 3, 2, null), [new("east", 3, 2, 2, true), new("west", 0, 1, 1, false)], false, 0, 0, false },
        { "replicas left on an unreachable member but the others not ready yet", new(new Dictionary<string, int>(), 1, 3, 2, "unreachable"), [new("east", 3, 3, 2, true), new("west", 0, 1, 1, false)], false, 0, 0, false },
        { "target and applied differ", Converged, [new("east", 3, 2, 2, true)], false, 0, 0, false },
        { "a migration open", Converged, [new("east", 2, 2, 2, true)], true, 0, 0, false },
        { "a shortfall", Converged, [new("east", 2, 2, 2, true)], false, 1, 0, false },
        { "a member avoided", Converged, [new("east", 2, 2, 2, true)], false, 0, 1, false },
    };

    [Theory]
    [MemberData(nameof(SettledCases))]
    public void Settled_only_when_nothing_is_left_to_do(string name, StepDecision step, MemberProgress[] members, bool migrating, int shortfall, int avoiding, bool settled) =>
        Assert.True(settled == ResyncPace.Settled(step, members, migrating, shortfall, avoiding), name);

    [Fact]
    public void A_settled_application_has_nothing_left_but_what_an_unreachable_member_holds()
    {
        // Whatever the planner sees: once settled, the planner writes nothing; and when the unreachable
        // members answer again (all their replicas still there), its only writes lower them.
        var member = Gen.Select(Gen.Int[0, 4], Gen.Int[0, 4], Gen.Int[0, 4], Gen.Bool);
        Gen.Select(member.Array[1, 4], Gen.Int[0, 2], Gen.Int[1, 2]).Sample((ms, maxUnavailable, stepSize) =>
        {
            var members = ms.Select((m, i) => new MemberProgress($"m{i}", m.Item1, m.Item2, m.Item3, m.Item4)).ToList();
            var replicas = members.Sum(m => m.Target);
            var step = RolloutPlanner.Next(new StepInput(replicas, maxUnavailable, stepSize, members));
            if (!ResyncPace.Settled(step, members, migrating: false, shortfall: 0, avoiding: 0))
            {
                return;
            }

            Assert.Empty(step.Writes);
            var back = members.Select(m => m.Reachable ? m : m with { Reachable = true, Ready = m.Applied }).ToList();
            var returned = RolloutPlanner.Next(new StepInput(replicas, maxUnavailable, stepSize, back));
            Assert.All(returned.Writes, w => Assert.False(members.Single(m => m.Name == w.Key).Reachable, $"wrote {w.Key}"));
            Assert.All(returned.Writes, w => Assert.True(w.Value < members.Single(m => m.Name == w.Key).Applied, $"raised {w.Key}"));
        });
    }

    [Theory]
    [InlineData("unsettled: fast, whatever the pace was", false, 60, 5)]
    [InlineData("unsettled from fast: fast", false, 5, 5)]
    [InlineData("settled from fast: doubles", true, 5, 10)]
    [InlineData("settled: doubles again", true, 20, 40)]
    [InlineData("settled: capped at steady", true, 40, 60)]
    [InlineData("settled at steady: stays", true, 60, 60)]
    [InlineData("settled from below fast (first reconcile): fast", true, 0, 5)]
    public void The_pace_backs_off_while_settled_and_snaps_back_when_not(string name, bool settled, int currentSeconds, int expectedSeconds) =>
        Assert.True(TimeSpan.FromSeconds(expectedSeconds) == ResyncPace.Next(settled, TimeSpan.FromSeconds(currentSeconds), Fast, Steady), name);

    [Theory]
    [InlineData("never reconciled", -1, 5, true)]
    [InlineData("a reconcile ended a moment ago", 100, 5, false)]
    [InlineData("a reconcile ended just under a pace ago", 4_999, 5, false)]
    [InlineData("a pace since a reconcile ended", 5_000, 5, true)]
    [InlineData("a reconcile that set the pace anew, ended just after its timer was set", 4_990, 5, false)]
    [InlineData("long quiet", 61_000, 60, true)]
    [InlineData("a report's reconcile 20 s into a 60 s pace", 40_000, 60, false)]
    public void A_resync_runs_unless_another_reconcile_ended_within_the_pace(string name, int msSinceLast, int paceSeconds, bool due)
    {
        var now = new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);
        var last = msSinceLast < 0 ? DateTimeOffset.MinValue : now.AddMilliseconds(-msSinceLast);
        Assert.True(due == ResyncPace.Due(last, TimeSpan.FromSeconds(paceSeconds), now), name);
    }

    [Fact]
    public void A_quiet_application_resyncs_within_two_paces_of_its_last_reconcile()
    {
        // Ticks a pace apart from any phase; whatever the last reconcile's end, some tick within two paces is due.
        Gen.Select(Gen.Int[1, 120_000], Gen.Int[0, 119_999], Gen.Int[0, 119_999]).Sample((paceMs, phaseMs, endedMs) =>
        {
            var pace = TimeSpan.FromMilliseconds(paceMs);
            var origin = new DateTimeOffset(2026, 12, 3, 8, 0, 0, TimeSpan.Zero);
            var ended = origin.AddMilliseconds(endedMs % paceMs);
            var tick = origin.AddMilliseconds(phaseMs % paceMs);
            while (tick <= ended)
            {
                tick += pace;
            }

            var skipped = 0;
            while (!ResyncPace.Due(ended, pace, tick))
            {
                tick += pace;
                skipped++;
            }

            Assert.True(tick - ended <= pace * 2, $"pace {pace}, ended {ended:O}, first due tick {tick:O}");
            Assert.True(skipped <= 1, $"pace {pace}: {skipped} ticks skipped in a row");
        });
    }

    [Fact]
    public void A_steady_pace_at_or_below_fast_means_always_fast() =>
        Assert.Equal(Fast, ResyncPace.Next(true, TimeSpan.FromSeconds(30), Fast, TimeSpan.FromSeconds(1)));

    [Fact]
    public void The_pace_stays_between_fast_and_steady_and_settles_at_steady_within_a_few_resyncs()
    {
        Gen.Select(Gen.Bool.Array[1, 40], Gen.Int[1, 30], Gen.Int[0, 600]).Sample((history, fastSeconds, steadySeconds) =>
        {
            var (fast, steady) = (TimeSpan.FromSeconds(fastSeconds), TimeSpan.FromSeconds(steadySeconds));
            var pace = TimeSpan.Zero;
            foreach (var settled in history)
            {
                pace = ResyncPace.Next(settled, pace, fast, steady);
                Assert.InRange(pace, fast, steady > fast ? steady : fast);
                if (!settled)
                {
                    Assert.Equal(fast, pace);
                }
            }

            // Settled from then on: at steady after at most log2(steady / fast) + 1 resyncs.
            for (var i = 0; i < 12; i++)
            {
                pace = ResyncPace.Next(true, pace, fast, steady);
            }

            Assert.Equal(steady > fast ? steady : fast, pace);
        });
    }
}
