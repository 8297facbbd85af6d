using CsCheck;
using Federation.Applications;
using Federation.Migration;
using Federation.Planning;

namespace Federation.Scheduling.Tests.Applications;

public sealed class MigrationTrackerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);

    // members: "name target/applied/ready" (a trailing ! : unreachable); fleet: "name:State" (a trailing ! : unreachable, absent: forgotten);
    // open: "reason moved readySeen stepAgo [blocked]" or "" (none).
    public static TheoryData<string, string, string, string, int, int, string, string> Cases => new()
    {
        // case, members, fleet, open, moved, shortfall, turn, notes (kind reason: message)
        { "nothing leaves: none opened", "east 2/2/2", "east:Ready", "", 0, 0, "None", "" },
        { "only raising (a scale-up): none opened", "east 3/2/2", "east:Ready", "", 1, 0, "None", "" },
        {
            "a drain opens one", "east 0/2/2,west 2/0/0", "east:Draining,west:Ready", "", 0, 0, "Started",
            "MigrationStarted drain: moving 2 replica(s) east → west"
        },
        {
            "the most urgent source names it: failover before drain", "east 0/1/1!,north 0/1/1,west 2/0/0", "east:NotReady!,north:Draining,west:Ready", "", 0, 0, "Started",
            "MigrationStarted failover: moving 2 replica(s) east,north → west"
        },
        { "a source the fleet forgot has failed over", "gone 0/2/2,west 2/0/0", "west:Ready", "", 0, 0, "Started", "MigrationStarted failover: moving 2 replica(s) gone → west" },
        { "an avoided source is unhealthy", "bad 0/2/0,west 2/0/0", "bad:Ready,west:Ready", "", 0, 0, "Started", "MigrationStarted unhealthy: moving 2 replica(s) bad → west" },
        { "a retiring source", "old 0/1/1,west 1/0/0", "old:Retired,west:Ready", "", 0, 0, "Started", "MigrationStarted retire: moving 1 replica(s) old → west" },
        { "a healthy source is a rebalance", "east 1/2/2,west 1/0/0", "east:Ready,west:Ready", "", 0, 0, "Started", "MigrationStarted rebalance: moving 1 replica(s) east → west" },
        {
            "nowhere to go: opened with its blocker", "east 0/2/2", "east:Draining", "", 0, 2, "Started",
            "MigrationStarted drain: moving 2 replica(s) east → |Blocked NoEligibleMember: 2 replica(s) have no Ready member to go to; would unblock: uncordon or join a member the placement selects"
        },
        { "targets ready and sources empty: completed", "east 0/0/0,west 2/2/2", "east:Draining,west:Ready", "drain 2 0 5", 0, 0, "Completed", "MigrationCompleted drain: moved 2 replica(s) in 30.0s" },
        { "only an unreachable source left: completed", "east 0/2/0!,west 2/2/2", "east:NotReady!,west:Ready", "failover 2 0 5", 0, 0, "Completed", "MigrationCompleted failover: moved 2 replica(s) in 30.0s" },
        { "a target not yet ready: goes on", "east 0/0/0,west 2/2/1", "east:Draining,west:Ready", "drain 2 1 5", 0, 0, "Continued", "" },
        {
            "no progress past the step timeout: stuck, saying what it waits for", "east 0/2/2,west 2/2/0", "east:Draining,west:Ready", "drain 2 2 61", 0, 0, "Continued",
            "MigrationStuck drain: step timed out after 60s: 2 replica(s) on east wait"
        },
        { "no progress within the step timeout: goes on", "east 0/2/2,west 2/2/0", "east:Draining,west:Ready", "drain 2 2 59", 0, 0, "Continued", "" },
        { "progress restarts the step clock: not stuck", "east 0/1/1,west 2/2/1", "east:Draining,west:Ready", "drain 1 0 120", 1, 0, "Continued", "" },
        { "blocked, then room: unblocked", "east 0/2/2,west 2/0/0", "east:Draining,west:Ready", "drain 0 0 5 blocked", 0, 0, "Continued", "Unblocked drain: no longer blocked (WaitingForCapacity)" },
        {
            "blocked is said once, not stuck", "east 0/2/2", "east:Draining", "drain 0 0 120", 0, 2, "Continued",
            "Blocked NoEligibleMember: 2 replica(s) have no Ready member to go to; would unblock: uncordon or join a member the placement selects"
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Keeps_the_migration_record(string name, string members, string fleet, string open, int moved, int shortfall, string turn, string notes)
    {
        var d = MigrationTracker.Next(Input(members, fleet, Open(open), moved, shortfall, "2 replica(s) on east wait"));

        Assert.True(turn == d.Turn.ToString(), $"{name}: {d.Turn}");
        Assert.True(notes == string.Join("|", d.Notes.Select(n => $"{n.Kind} {n.Reason}: {n.Message}")), $"{name}: {string.Join("|", d.Notes.Select(n => $"{n.Kind} {n.Reason}: {n.Message}"))}");
        Assert.True((d.Turn is MigrationTurn.Started or MigrationTurn.Continued) == (d.Migration is not null), name);
    }

    [Fact]
    public void A_migration_owing_an_AfterReady_is_not_completed_until_it_is_answered()
    {
        var input = Input("east 0/0/0,west 2/2/2", "east:Draining,west:Ready", Open("drain 2 0 5"), 0, 0, null);

        var owing = MigrationTracker.Next(input with { AfterReadyOwed = true });
        var answered = MigrationTracker.Next(input);

        Assert.Equal((MigrationTurn.Continued, MigrationTurn.Completed), (owing.Turn, answered.Turn));
        Assert.DoesNotContain(owing.Notes, n => n.Kind == "MigrationCompleted");
    }

    [Fact]
    public void A_started_migration_has_its_id_sources_targets_and_clock()
    {
        var d = MigrationTracker.Next(Input("east 0/3/3,north 1/0/0,west 2/1/0", "east:Draining,north:Ready,west:Ready", null, 1, 0, null));

        var m = d.Migration!;
        Assert.Equal(("m-1", "drain", Now, Now, 1), (m.Id, m.Reason, m.StartedAt, m.StepStartedAt, m.Moved));
        Assert.Equal(["east"], m.Sources);
        Assert.Equal(["north", "west"], m.Targets);
    }

    [Fact]
    public void A_record_is_opened_iff_replicas_leave_a_member_and_closed_iff_every_target_is_reached()
    {
        var member = Gen.Select(Gen.Int[0, 3], Gen.Int[0, 3], Gen.Int[0, 3], Gen.Bool);
        Gen.Select(member.Array[1, 5], Gen.Bool, Gen.Int[0, 2]).Sample((ms, open, moved) =>
        {
            var members = ms.Select((m, i) => new MemberProgress($"m{i}", m.Item1, m.Item2, m.Item3, m.Item4)).ToList();
            var fleet = members.ToDictionary(m => m.Name, m => Member(m.Name, "Ready", m.Reachable));
            var before = open ? new OpenMigration("m-0", "rebalance", ["m0"], [], 2, Now.AddSeconds(-10), Now.AddSeconds(-10), null, 1, 0) : null;
            var d = MigrationTracker.Next(new MigrationInput(members, Step(null), moved, before, App(new Dictionary<string, string>()), fleet, 0, new Dictionary<string, string>(), StepTimeout, "m-1", Now));

            var leaving = members.Any(m => m.Applied > m.Target);
            var raising = members.Any(m => m.Target > 0 && (m.Target > m.Applied || m.Target > m.Ready));
            var reachableLeaving = members.Any(m => m.Reachable && m.Applied > m.Target);
            var expected = (open, leaving && raising, reachableLeaving || raising) switch
            {
                (false, true, _) => MigrationTurn.Started,
                (false, false, _) => MigrationTurn.None,
                (true, _, true) => MigrationTurn.Continued,
                (true, _, false) => MigrationTurn.Completed,
            };
            Assert.Equal(expected, d.Turn);
            if (d.Turn == MigrationTurn.Continued)
            {
                Assert.Equal(2 + moved, d.Migration!.Moved);
                Assert.Equal(moved > 0 ? Now : Now.AddSeconds(-10), d.Migration.StepStartedAt);
            }
        });
    }

    private static MigrationInput Input(string members, string fleet, OpenMigration? open, int moved, int shortfall, string? waiting)
    {
        var progress = members.Split(',').Select(m =>
        {
            var parts = m.TrimEnd('!').Split(' ', '/');
            return new MemberProgress(parts[0], int.Parse(parts[1]), int.Parse(parts[2]), int.Parse(parts[3]), !m.EndsWith('!'));
        }).ToList();
        var known = fleet.Split(',').Select(f => f.TrimEnd('!').Split(':') is var p ? Member(p[0], p[1], !f.EndsWith('!')) : null!)
            .ToDictionary(m => m.Name, StringComparer.Ordinal);
        var avoid = progress.Where(m => m.Name == "bad").ToDictionary(m => m.Name, _ => "unready");
        var ready = progress.Where(m => m.Reachable).Sum(m => Math.Min(m.Ready, m.Applied));
        var step = Step(waiting) with { ReadyCounted = ready };
        return new MigrationInput(progress, step, moved, open, App(avoid), known, shortfall, new Dictionary<string, string>(), StepTimeout, "m-1", Now);
    }

    private static OpenMigration? Open(string text)
    {
        if (text.Length == 0)
        {
            return null;
        }

        var p = text.Split(' ');
        var step = Now.AddSeconds(-int.Parse(p[3]));
        var open = new OpenMigration("m-0", p[0], ["east"], ["west"], int.Parse(p[1]), Now.AddSeconds(-30), step, null, 2, int.Parse(p[2]));
        return p.Length > 4 ? open with { Blocked = "WaitingForCapacity", BlockedMessage = "full", BlockedSince = step, Unblock = "add nodes" } : open;
    }

    private static StepDecision Step(string? waiting) => new(new Dictionary<string, int>(), 2, 2, 0, waiting);

    private static FleetApplication App(IReadOnlyDictionary<string, string> avoid) =>
        new("ns/app", 2, new PlacementPolicy(PlacementStrategy.Weighted), ResourceRequest.None, TimeSpan.FromSeconds(30), new Dictionary<string, int>(), avoid);

    private static FleetMember Member(string name, string state, bool reachable) =>
        new(name, new Dictionary<string, string>(), Enum.Parse<MemberState>(state), reachable ? null : Now.AddSeconds(-60), null, [], true, 0, 0);
}
