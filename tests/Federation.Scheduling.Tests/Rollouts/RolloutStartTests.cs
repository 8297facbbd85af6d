using CsCheck;
using Federation.Rollouts;

namespace Federation.Scheduling.Tests.Rollouts;

public sealed class RolloutStartTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string?, string, bool, RolloutSoFar?, string> SpecCases => new()
    {
        // case, template before (null: new application), template after, progressive, rollout so far, change ("keep", "none", or "from HASH")
        { "a new application: no rollout", null, "b", true, null, "none" },
        { "not progressive: any rollout ends", "a", "b", false, new("a", "{a}", RolloutPhase.Progressing), "none" },
        { "a new template, progressive: from the previous one", "a", "b", true, null, "from a" },
        { "the same template: a rollout goes on", "a", "a", true, new("z", "{z}", RolloutPhase.Progressing), "keep" },
        { "the same template: a rolled-back one is not retried", "a", "a", true, new("z", "{z}", RolloutPhase.RolledBack), "keep" },
        { "a newer template mid-rollout: from the stable one", "b", "c", true, new("a", "{a}", RolloutPhase.Progressing), "from a" },
        { "after a rollout that succeeded: from the template it reached", "b", "c", true, new("a", "{a}", RolloutPhase.Succeeded), "from b" },
        { "back to the stable template mid-rollout: none needed", "b", "a", true, new("a", "{a}", RolloutPhase.Progressing), "none" },
    };

    [Theory]
    [MemberData(nameof(SpecCases))]
    public void A_new_spec_begins_keeps_or_ends_a_rollout(string name, string? before, string after, bool progressive, RolloutSoFar? current, string expected)
    {
        var change = RolloutStart.OnSpec(before is null ? null : (before, "{" + before + "}"), after, progressive, current);

        var actual = change.Keep ? "keep" : change.FromHash is { } from ? $"from {from}" : "none";
        Assert.True(expected == actual, $"{name}: {actual}");
        Assert.True(change.FromHash is null || change.FromJson == "{" + change.FromHash + "}", name);
    }

    [Theory]
    [InlineData("nothing judged: the decider's moment", MemberPhase.Succeeded, 60, 60)]
    [InlineData("nothing judged, no moment: none", MemberPhase.Pending, null, null)]
    [InlineData("a member soaking: within the poll", MemberPhase.Soaking, 60, 2)]
    [InlineData("a member updating, no moment: the poll", MemberPhase.Updating, null, 2)]
    [InlineData("rolling back, an earlier moment: that one", MemberPhase.RollingBack, 1, 1)]
    public void The_rollout_is_looked_at_again_within_the_poll_while_a_member_is_judged(string name, MemberPhase phase, int? decidedIn, int? expectedIn)
    {
        var progress = RolloutProgress.Start(Now) with { Members = new Dictionary<string, MemberRollout> { ["east"] = new(phase, Now) } };

        var at = RolloutStart.WakeAt(progress, decidedIn is { } d ? Now.AddSeconds(d) : null, Now);

        Assert.True((expectedIn is { } e ? Now.AddSeconds(e) : (DateTimeOffset?)null) == at, name);
    }

    [Fact]
    public void A_rollout_never_starts_from_the_template_it_rolls_out_and_only_on_a_changed_progressive_template()
    {
        var hash = Gen.OneOf("a", "b", "c");
        var soFar = Gen.Select(hash, Gen.Enum<RolloutPhase>(), (h, p) => new RolloutSoFar(h, "{" + h + "}", p)).Null();
        Gen.Select(hash.Null(), hash, Gen.Bool, soFar).Sample((before, after, progressive, current) =>
        {
            var change = RolloutStart.OnSpec(before is null ? null : (before, "{" + before + "}"), after, progressive, current);

            Assert.NotEqual(after, change.FromHash);
            Assert.Equal(progressive && before == after, change.Keep);
            if (change.FromHash is not null)
            {
                Assert.True(progressive && before is not null && before != after);
            }
        });
    }
}
