using Federation.Cli;
using Federation.Grains;
using Federation.Scheduling;
using Federation.Membership;

namespace Federation.Tests.Cli;

public sealed class DrainTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Progress_counts_replicas_moved_from_each_applications_level_before_the_action()
    {
        var tracker = Tracker("drain");
        tracker.Baseline(Poll("Ready shop/web=6 shop/api=2"));

        var first = tracker.Observe(Poll("Draining shop/web=4 shop/api=2"), NoneStuck, T0.AddSeconds(1));
        var second = tracker.Observe(Poll("Draining shop/web=1"), NoneStuck, T0.AddSeconds(2));
        var last = tracker.Observe(Poll("Draining"), NoneStuck, T0.AddSeconds(3));

        Assert.Equal((2, 6, 8), (first.Moved, first.Remaining, first.Initial));
        Assert.Equal(DrainOutcome.InProgress, first.Outcome);
        Assert.Equal([("shop/api", 2, 0), ("shop/web", 5, 1)], second.Applications.Select(a => (a.Application, a.Moved, a.Remaining)));
        Assert.Equal((8, 0, DrainOutcome.Completed, 0), (last.Moved, last.Remaining, last.Outcome, last.ExitCode));
    }

    [Fact]
    public void A_level_that_rises_after_the_start_becomes_the_new_hundred_percent()
    {
        var tracker = Tracker("drain");
        tracker.Baseline(Poll("Ready web=2"));

        var snapshot = tracker.Observe(Poll("Draining web=3"), NoneStuck, T0.AddSeconds(1));

        Assert.Equal((3, 0, 3), (snapshot.Initial, snapshot.Moved, snapshot.Remaining));
    }

    [Fact]
    public void Replicas_lost_with_a_dark_member_count_as_moved()
    {
        var tracker = Tracker("retire");
        var dark = Poll("NotReady") with { Workloads = [new ClusterWorkloadView("shop/web", 0, 6, 0, Lost: 6, Unknown: 6)] };
        tracker.Baseline(dark);

        var snapshot = tracker.Observe(dark with { State = MemberState.Retired }, NoneStuck, T0.AddSeconds(1));

        Assert.Equal((6, 0, 6, DrainOutcome.Completed), (snapshot.Initial, snapshot.Remaining, snapshot.Moved, snapshot.Outcome));
    }

    public static TheoryData<string, string, string[], string, int> Decisions => new()
    {
        // case, action, one poll per second ("STATE app=applied ... !stuck-app ~blocked-app"), final outcome, exit code
        { "drained to empty", "drain", ["Draining web=3", "Draining web=1", "Draining"], "Completed", 0 },
        { "applied zero counts as empty", "drain", ["Draining web=2", "Draining web=0 api=0"], "Completed", 0 },
        { "someone uncordoned the member", "drain", ["Draining web=3", "Ready web=3"], "Failed", 4 },
        { "member went NotReady", "drain", ["Draining web=3", "NotReady web=2"], "Failed", 4 },
        { "retire passes through Retired", "retire", ["Retired web=2", "Retired web=1", "Retired"], "Completed", 0 },
        { "retired member cordoned instead", "retire", ["Retired web=2", "Cordoned web=2"], "Failed", 4 },
        { "replicas left at the timeout (10s)", "drain", Repeat("Draining web=3", 11), "TimedOut", 3 },
        { "stuck longer than the grace (5s)", "drain", ["Draining web=3", .. Repeat("Draining web=3 !web", 6)], "Failed", 4 },
        { "stuck briefly, then moves on", "drain", ["Draining web=3 !web", "Draining web=3 !web", "Draining web=1", "Draining"], "Completed", 0 },
        { "stuck when time runs out", "drain", [.. Repeat("Draining web=3", 8), "Draining web=3 !web", "Draining web=3 !web", "Draining web=3 !web"], "Failed", 4 },
        { "every replica blocked longer than the blocked timeout (3s)", "drain", Repeat("Draining web=3 ~web", 4), "Blocked", 5 },
        { "blocked with another application still moving: runs to the timeout", "drain", Repeat("Draining web=3 api=2 ~web", 11), "TimedOut", 3 },
        { "blocked, then capacity added: finishes", "drain", ["Draining web=3 ~web", "Draining web=3 ~web", "Draining web=2", "Draining"], "Completed", 0 },
        { "blocked briefly twice: the clock restarts", "drain", ["Draining web=3 ~web", "Draining web=3 ~web", "Draining web=3", "Draining web=3 ~web", "Draining web=3 ~web", "Draining"], "Completed", 0 },
    };

    [Theory]
    [MemberData(nameof(Decisions))]
    public void Watch_ends_with_the_right_verdict(string _, string action, string[] polls, string outcome, int exitCode)
    {
        var tracker = Tracker(action, timeout: TimeSpan.FromSeconds(10), stuckGrace: TimeSpan.FromSeconds(5), blockedTimeout: TimeSpan.FromSeconds(3));
        DrainSnapshot? snapshot = null;
        for (var i = 0; i < polls.Length; i++)
        {
            Assert.True(snapshot is null or { Outcome: DrainOutcome.InProgress }, $"the watch ended early, at poll {i}: {snapshot?.Message}");
            snapshot = tracker.Observe(Poll(polls[i]), Stuck(polls[i]), T0.AddSeconds(i));
        }

        Assert.Equal(outcome, snapshot!.Outcome.ToString());
        Assert.Equal(exitCode, snapshot.ExitCode);
    }

    [Fact]
    public void Stuck_verdict_names_the_application_and_the_reason()
    {
        var tracker = Tracker("drain", stuckGrace: TimeSpan.FromSeconds(5));
        tracker.Observe(Poll("Draining shop/web=3"), new Dictionary<string, MigrationStatus> { ["shop/web"] = new("no member has room") }, T0);

        var snapshot = tracker.Observe(Poll("Draining shop/web=3"), new Dictionary<string, MigrationStatus> { ["shop/web"] = new("no member has room") }, T0.AddSeconds(5));

        Assert.Equal(DrainOutcome.Failed, snapshot.Outcome);
        Assert.Contains("shop/web", snapshot.Message, StringComparison.Ordinal);
        Assert.Contains("no member has room", snapshot.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Blocked_verdict_says_per_application_what_blocks_it_and_what_would_unblock_it()
    {
        var tracker = Tracker("drain", blockedTimeout: TimeSpan.FromSeconds(60));
        var blocked = new Dictionary<string, MigrationStatus>
        {
            ["shop/web"] = new(null, "WaitingForCapacity: 3 replica(s) need 2500m CPU each; no Ready member has room; largest free: west 1500m", "add 1 node(s) like west's (4 CPU, 8Gi memory)"),
        };
        var first = tracker.Observe(Poll("Draining shop/web=3"), blocked, T0);
        var last = tracker.Observe(Poll("Draining shop/web=3"), blocked, T0.AddSeconds(61));

        Assert.Equal(DrainOutcome.InProgress, first.Outcome);
        Assert.Equal((DrainOutcome.Blocked, ExitCodes.Blocked), (last.Outcome, last.ExitCode));
        Assert.Contains("shop/web: WaitingForCapacity: 3 replica(s) need 2500m CPU each", last.Message, StringComparison.Ordinal);
        Assert.Contains("would unblock: add 1 node(s) like west's", last.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(60, 30)]
    [InlineData(600, 120)]
    public void Stuck_grace_is_half_a_short_timeout_and_two_minutes_at_most(int timeoutSeconds, int graceSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(graceSeconds), DrainTracker.DefaultStuckGrace(TimeSpan.FromSeconds(timeoutSeconds)));
    }

    private static readonly IReadOnlyDictionary<string, MigrationStatus> NoneStuck = new Dictionary<string, MigrationStatus>();

    private static DrainTracker Tracker(string action, TimeSpan? timeout = null, TimeSpan? stuckGrace = null, TimeSpan? blockedTimeout = null) =>
        new("east", MemberActions.Find(action)!.Emptying, T0, timeout ?? TimeSpan.FromMinutes(10), stuckGrace ?? TimeSpan.FromMinutes(2), blockedTimeout);

    private static string[] Repeat(string poll, int times) => Enumerable.Repeat(poll, times).ToArray();

    /// <summary>"Draining web=3 api=1 !web": the state, the applied replicas per application, and which migrations are stuck.</summary>
    private static ClusterView Poll(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var workloads = words.Skip(1).Where(w => w.Contains('='))
            .Select(w => w.Split('='))
            .Select(p => new ClusterWorkloadView(p[0], 0, int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), 0))
            .ToList();
        return new ClusterView("east", "https://east", new Dictionary<string, string>(), Enum.Parse<MemberState>(words[0]),
            T0, null, 3, null, null, null, T0, workloads);
    }

    private static Dictionary<string, MigrationStatus> Stuck(string text) =>
        text.Split(' ').Where(w => w.StartsWith('!') || w.StartsWith('~')).ToDictionary(
            w => w[1..],
            w => w[0] == '!' ? new MigrationStatus("no target has room") : new MigrationStatus(null, "WaitingForCapacity: no member has room", "add 1 node"));
}
