using CsCheck;
using Federation.Membership;

namespace Federation.Scheduling.Tests.Members;

public sealed class MemberLifecycleTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly LifecycleSettings Settings = new(FailureThreshold: 3, SuccessThreshold: 2, FlapCount: 3, FlapWindow: TimeSpan.FromMinutes(10), HoldDown: TimeSpan.FromMinutes(2));

    private static MemberHealth Health(MemberState state = MemberState.Ready, bool unreachable = false, int recentOutages = 0, DateTimeOffset? maintenanceUntil = null, MemberState before = MemberState.Ready) =>
        new(state, T0, unreachable ? T0 : null, null, [.. Enumerable.Range(0, recentOutages).Select(i => T0.AddMinutes(i))], maintenanceUntil, before);

    public static TheoryData<string, MemberHealth, ProbeStreak, MemberState, bool, string?> ProbeCases => new()
    {
        { "first probe healthy: Ready at once", Health(MemberState.NotReady, unreachable: true), new(true, 0, 1, null, Initial: true), MemberState.Ready, false, null },
        { "first probe failed: NotReady at once", Health(), new(false, 1, 0, "refused", Initial: true), MemberState.NotReady, true, null },
        { "failures below the threshold: still Ready", Health(), new(false, 2, 0, "refused"), MemberState.Ready, false, null },
        { "failures at the threshold: NotReady", Health(), new(false, 3, 0, "refused"), MemberState.NotReady, true, "NotReady" },
        { "a cordoned member that goes dark stays cordoned, unreachable", Health(MemberState.Cordoned), new(false, 3, 0, "refused"), MemberState.Cordoned, true, "NotReady" },
        { "a draining member that goes dark stays draining", Health(MemberState.Draining), new(false, 5, 0, "refused"), MemberState.Draining, true, "NotReady" },
        { "already unreachable: no second event", Health(MemberState.NotReady, unreachable: true), new(false, 9, 0, "refused"), MemberState.NotReady, true, null },
        { "one good probe is not enough (hysteresis)", Health(MemberState.NotReady, unreachable: true), new(true, 0, 1, null), MemberState.NotReady, true, null },
        { "successes at the threshold: Ready again", Health(MemberState.NotReady, unreachable: true), new(true, 0, 2, null), MemberState.Ready, false, "Recovered" },
        { "back after too many outages lately: held down", Health(MemberState.NotReady, unreachable: true, recentOutages: 3), new(true, 0, 2, null), MemberState.Ready, false, "HeldDown" },
        { "a cordoned member back keeps its cordon", Health(MemberState.Cordoned, unreachable: true), new(true, 0, 2, null), MemberState.Cordoned, false, "Recovered" },
    };

    [Theory]
    [MemberData(nameof(ProbeCases))]
    public void After_a_probe(string why, MemberHealth before, ProbeStreak probe, MemberState state, bool unreachable, string? recorded)
    {
        var step = MemberLifecycle.AfterProbe(before, probe, Settings, T0.AddMinutes(5));

        Assert.True(state == step.Health.State, $"{why}: state {step.Health.State}");
        Assert.True(unreachable == step.Health.UnreachableSince is not null, $"{why}: unreachable");
        Assert.True(recorded == step.Event, $"{why}: event {step.Event}");
    }

    [Fact]
    public void A_held_down_member_stays_held_for_the_hold_down_then_is_free()
    {
        var back = MemberLifecycle.AfterProbe(Health(MemberState.NotReady, unreachable: true, recentOutages: 3), new(true, 0, 2, null), Settings, T0.AddMinutes(5)).Health;

        Assert.True(MemberLifecycle.IsHeldDown(back, T0.AddMinutes(6)));
        Assert.False(MemberLifecycle.IsHeldDown(back, T0.AddMinutes(7)));
    }

    public static TheoryData<string, MemberHealth, int, MemberState, string?> MaintenanceCases => new()
    {
        { "window not over: still in maintenance", Health(MemberState.Maintenance, maintenanceUntil: T0.AddHours(1)), 30, MemberState.Maintenance, null },
        { "window over: back to Ready", Health(MemberState.Maintenance, maintenanceUntil: T0.AddHours(1)), 60, MemberState.Ready, "MaintenanceEnded" },
        { "window over while dark: NotReady", Health(MemberState.Maintenance, unreachable: true, maintenanceUntil: T0.AddHours(1)), 61, MemberState.NotReady, "MaintenanceEnded" },
        { "window over: back to cordoned if it was", Health(MemberState.Maintenance, maintenanceUntil: T0.AddHours(1), before: MemberState.Cordoned), 61, MemberState.Cordoned, "MaintenanceEnded" },
        { "open-ended window never ends by itself", Health(MemberState.Maintenance), 6000, MemberState.Maintenance, null },
        { "not in maintenance: nothing to end", Health(MemberState.Draining, maintenanceUntil: T0), 60, MemberState.Draining, null },
    };

    [Theory]
    [MemberData(nameof(MaintenanceCases))]
    public void End_of_maintenance(string why, MemberHealth before, int minutes, MemberState state, string? recorded)
    {
        var step = MemberLifecycle.EndMaintenanceIfDue(before, T0.AddMinutes(minutes));

        Assert.True(state == step.Health.State && recorded == step.Event, $"{why}: {step.Health.State} {step.Event}");
    }

    [Fact]
    public void Probes_never_change_an_administrative_state_and_flip_reachability_only_at_a_threshold()
    {
        var admin = Gen.OneOf(Gen.Const(MemberState.Cordoned), Gen.Const(MemberState.Draining), Gen.Const(MemberState.Retired), Gen.Const(MemberState.Maintenance));
        Gen.Select(admin, Gen.Bool, Gen.Bool.Array[1, 40]).Sample((state, dark, probes) =>
        {
            var h = Health(state, unreachable: dark);
            int failures = 0, successes = 0;
            foreach (var healthy in probes)
            {
                (failures, successes) = healthy ? (0, successes + 1) : (failures + 1, 0);
                var wasUnreachable = h.UnreachableSince is not null;
                h = MemberLifecycle.AfterProbe(h, new ProbeStreak(healthy, failures, successes, null), Settings, T0).Health;
                var isUnreachable = h.UnreachableSince is not null;
                Assert.Equal(state, h.State);
                Assert.True(wasUnreachable == isUnreachable || (isUnreachable ? failures >= 3 : successes >= 2));
            }
        }, iter: 1000);
    }
}
