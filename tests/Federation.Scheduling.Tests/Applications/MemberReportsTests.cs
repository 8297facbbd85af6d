using CsCheck;
using Federation.Applications;

namespace Federation.Scheduling.Tests.Applications;

public sealed class MemberReportsTests
{
    private static readonly ReportedFigures Steady = new(Desired: 3, Replicas: 3, Ready: 3, Available: 3, Updated: 3, ObservedGeneration: 2);

    public static TheoryData<string, ReportedFigures?, ReportedFigures, bool, bool, bool> Cases => new()
    {
        { "a first report", null, Steady, false, false, true },
        { "nothing changed", Steady, Steady, true, true, false },
        { "a pod became ready", Steady with { Ready = 2 }, Steady, false, false, true },
        { "a pod stopped being ready", Steady, Steady with { Ready = 2 }, false, false, true },
        { "the replicas asked changed under us (drift)", Steady, Steady with { Desired = 5 }, false, false, true },
        { "a pod created, not ready yet", Steady, Steady with { Replicas = 4 }, false, false, false },
        { "a pod updated, not ready yet", Steady, Steady with { Updated = 2 }, false, false, false },
        { "a pod created during a rollout", Steady, Steady with { Replicas = 4 }, true, false, true },
        { "a pod updated during a rollout", Steady, Steady with { Updated = 2 }, true, false, true },
        { "a pod created of a StatefulSet", Steady, Steady with { Replicas = 4 }, false, true, true },
        { "available changed, no rollout", Steady, Steady with { Available = 2 }, false, false, false },
        { "available changed during a rollout", Steady, Steady with { Available = 2 }, true, false, true },
        { "the member saw a new generation, no rollout", Steady, Steady with { ObservedGeneration = 3 }, false, false, false },
        { "the member saw a new generation during a rollout", Steady, Steady with { ObservedGeneration = 3 }, true, false, true },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reports_that_can_change_a_decision_reconcile(string name, ReportedFigures? before, ReportedFigures after, bool rollingOut, bool stateful, bool reconciles) =>
        Assert.True(reconciles == MemberReports.Reconciles(before, after, rollingOut, stateful), name);

    private static readonly Gen<ReportedFigures> Figures =
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 5], Gen.Int[0, 5], Gen.Int[0, 5], Gen.Int[0, 5], Gen.Long[0, 3])
            .Select((d, r, ready, a, u, g) => new ReportedFigures(d, r, ready, a, u, g));

    [Fact]
    public void A_change_of_ready_or_desired_always_reconciles_and_a_rollout_reconciles_on_every_change()
    {
        Gen.Select(Figures, Figures, Gen.Bool, Gen.Bool).Sample((before, after, rollingOut, stateful) =>
        {
            var reconciles = MemberReports.Reconciles(before, after, rollingOut, stateful);
            if (before.Ready != after.Ready || before.Desired != after.Desired || (rollingOut && before != after))
            {
                Assert.True(reconciles);
            }

            if (before == after)
            {
                Assert.False(reconciles);
            }
        });
    }
}
