using CsCheck;
using Federation.Applications;
using Federation.Migration;
using Federation.Workloads.Companions;

namespace Federation.Scheduling.Tests.Applications;

public sealed class DriftTests
{
    private static readonly Companion Config = new("ConfigMap", "settings", "{}", "c1", []);

    private static readonly MemberDrift InStep = new("t1", "t1", null, null, new Dictionary<string, string> { ["ConfigMap/settings"] = "c1" }, [Config], 3, 3);

    public static TheoryData<string, MemberDrift, bool> Cases => new()
    {
        { "everything as applied", InStep, false },
        { "a new template", InStep with { WantedTemplate = "t2" }, true },
        { "an override now selects the member", InStep with { WantedOverrides = "o1" }, true },
        { "an override's manifest changed", InStep with { AppliedOverrides = "o1", WantedOverrides = "o2" }, true },
        { "scaled by hand", InStep with { ObservedDesired = 5 }, true },
        { "never observed", InStep with { ObservedDesired = null }, true },
        { "a companion changed", InStep with { WantedCompanions = [Config with { Hash = "c2" }] }, true },
        { "a companion added", InStep with { WantedCompanions = [Config, new("Secret", "token", "{}", "s1", [])] }, true },
        { "a companion removed", InStep with { WantedCompanions = [] }, true },
        { "no companions anywhere", InStep with { AppliedCompanions = null, WantedCompanions = [] }, false },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_deployment_drifts_when_what_it_runs_is_not_what_was_applied(string name, MemberDrift member, bool drifted) =>
        Assert.True(drifted == Drift.Of(member), name);

    [Fact]
    public void Drift_is_detected_iff_a_hash_or_the_desired_replicas_differ()
    {
        var hash = Gen.OneOf("a", "b");
        var optional = Gen.OneOf("a", "b").Null();
        Gen.Select(hash, hash, optional, optional, Gen.Int[0, 3], Gen.Int[-1, 3].Select(i => i < 0 ? (int?)null : i)).Sample((applied, wanted, appliedOverrides, wantedOverrides, replicas, desired) =>
        {
            var m = new MemberDrift(applied, wanted, appliedOverrides, wantedOverrides, null, [], replicas, desired);

            Assert.Equal(applied != wanted || appliedOverrides != wantedOverrides || desired != replicas, Drift.Of(m));
        });
    }

    [Fact]
    public void Drifted_members_holding_replicas_are_written_again_with_what_was_applied_and_the_step_wins()
    {
        var step = new StepDecision(new Dictionary<string, int> { ["east"] = 4 }, 0, 3, 3, null);
        MemberProgress[] members =
        [
            new("east", 4, 3, 3, true),    // in the step: written by it, even though drifted
            new("west", 2, 2, 2, true),    // drifted: written again
            new("north", 1, 1, 1, true),   // in step: left alone
            new("south", 1, 1, 1, false),  // drifted but out of reach
            new("central", 0, 0, 0, true), // holds nothing
        ];
        var asked = new List<string>();

        var writes = Drift.Writes(step, members, m =>
        {
            asked.Add(m);
            return InStep with { ObservedDesired = m == "north" ? 3 : 9, Applied = 3 };
        });

        Assert.Equal(new Dictionary<string, int> { ["east"] = 4, ["west"] = 2 }, writes);
        Assert.Equal(["west", "north"], asked);
    }
}
