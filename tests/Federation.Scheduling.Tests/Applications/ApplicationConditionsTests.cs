using CsCheck;
using Federation.Applications;
using Federation.Rollouts;

namespace Federation.Scheduling.Tests.Applications;

public sealed class ApplicationConditionsTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly OpenMigration Moving = new("m-1", "drain", ["east"], ["west"], 1, Now, Now, null, 2, 1);

    private static readonly ConditionInput Settled = new(3, 0, 3, 0, false, null, null, null);

    public static TheoryData<string, ConditionInput, string> ProgressingCases => new()
    {
        { "nothing moves", Settled, "False Steady: placement reached" },
        { "being deleted", Settled with { Deleting = true }, "True Steady: placement reached" },
        { "a migration", Settled with { Migration = Moving }, "True Migrating: drain: 2 replica(s) to move" },
        { "a migration stuck", Settled with { Migration = Moving with { StuckReason = "step timed out" } }, "True Stuck: step timed out" },
        {
            "a migration blocked: the blocker, not stuck",
            Settled with { Migration = Moving with { StuckReason = "old", Blocked = "WaitingForCapacity", BlockedMessage = "2 replica(s) need 1 CPU", Unblock = "add 1 node(s)" } },
            "True WaitingForCapacity: 2 replica(s) need 1 CPU; would unblock: add 1 node(s)"
        },
        {
            "a hook holds a source: says so before anything else",
            Settled with { Migration = Moving with { Blocked = "WaitingForCapacity" }, WaitingForHook = "BeforeScaleDown of east answered 500" },
            "True WaitingForHook: BeforeScaleDown of east answered 500"
        },
        { "a rollout on its first wave", Settled with { Rollout = Rollout(RolloutPhase.Progressing, null, false, ("east", MemberPhase.Soaking, null), ("west", MemberPhase.Pending, null)) }, "True RollingOut: wave 1: east Soaking" },
        { "a paused rollout", Settled with { Rollout = Rollout(RolloutPhase.Progressing, null, true) }, "True RolloutPaused: wave 1: " },
        { "rolling back", Settled with { Rollout = Rollout(RolloutPhase.RollingBack, "canary failed", false) }, "True RollingBack: returning to template t1 (canary failed)" },
        {
            "rolled back, naming the failed members",
            Settled with { Rollout = Rollout(RolloutPhase.RolledBack, "canary failed", false, ("east", MemberPhase.Failed, "crash loop")) },
            "False RolledBack: template t2 rolled back (canary failed); failed: east: crash loop"
        },
        { "rolled back with none failed", Settled with { Rollout = Rollout(RolloutPhase.RolledBack, "aborted", false) }, "False RolledBack: template t2 rolled back (aborted); failed: none" },
        { "halted", Settled with { Rollout = Rollout(RolloutPhase.Halted, null, false, ("west", MemberPhase.Failed, "never ready")) }, "False Halted: template t2 halted; failed: west: never ready" },
        { "a rollout that succeeded: steady", Settled with { Rollout = Rollout(RolloutPhase.Succeeded, null, false) }, "False Steady: placement reached" },
        { "a migration during a rollout: the migration speaks", Settled with { Migration = Moving, Rollout = Rollout(RolloutPhase.Progressing, null, false) }, "True Migrating: drain: 2 replica(s) to move" },
    };

    [Theory]
    [MemberData(nameof(ProgressingCases))]
    public void Progressing_says_what_moves_or_what_holds_it(string name, ConditionInput input, string expected)
    {
        var c = ApplicationConditions.Of(input).Single(c => c.Type == "Progressing");

        Assert.True(expected == $"{c.Status} {c.Reason}: {c.Message}", $"{name}: {c.Status} {c.Reason}: {c.Message}");
    }

    [Theory]
    [InlineData("at the floor", 3, 0, 3, "True AtOrAboveFloor: 3 ready, floor 3")]
    [InlineData("below the floor", 2, 0, 3, "False BelowFloor: 2 ready, floor 3")]
    [InlineData("unknown replicas never hold the floor", 1, 2, 3, "False BelowFloor: 1 ready, floor 3, unknown: 2 (unreachable)")]
    public void Available_counts_only_ready_replicas_against_the_floor(string name, int ready, int unknown, int floor, string expected)
    {
        var c = ApplicationConditions.Of(Settled with { Ready = ready, Unknown = unknown, Floor = floor }).Single(c => c.Type == "Available");

        Assert.True(expected == $"{c.Status} {c.Reason}: {c.Message}", name);
    }

    [Theory]
    [InlineData("every replica placed", 0, "True AllPlaced: every replica has a member")]
    [InlineData("a shortfall", 2, "False Shortfall: 2 replica(s) fit nowhere")]
    public void Scheduled_says_whether_every_replica_has_a_member(string name, int shortfall, string expected)
    {
        var c = ApplicationConditions.Of(Settled with { Shortfall = shortfall }).Single(c => c.Type == "Scheduled");

        Assert.True(expected == $"{c.Status} {c.Reason}: {c.Message}", name);
    }

    [Fact]
    public void There_are_always_the_three_conditions_and_available_holds_iff_ready_reaches_the_floor()
    {
        Gen.Select(Gen.Int[0, 10], Gen.Int[0, 10], Gen.Int[0, 10], Gen.Int[0, 3], Gen.Bool).Sample((ready, unknown, floor, shortfall, migrating) =>
        {
            var conditions = ApplicationConditions.Of(new ConditionInput(ready, unknown, floor, shortfall, false, migrating ? Moving : null, null, null));

            Assert.Equal(["Available", "Progressing", "Scheduled"], conditions.Select(c => c.Type));
            Assert.Equal(ready >= floor, conditions[0].Status);
            Assert.Equal(migrating, conditions[1].Status);
            Assert.Equal(shortfall == 0, conditions[2].Status);
        });
    }

    private static RolloutStanding Rollout(RolloutPhase phase, string? reason, bool paused, params (string Member, MemberPhase Phase, string? Reason)[] members) =>
        new("t1", "t2", new RolloutProgress(phase, 0, members.ToDictionary(m => m.Member, m => new MemberRollout(m.Phase, Now, null, m.Reason)), Now, paused, null, reason));
}
