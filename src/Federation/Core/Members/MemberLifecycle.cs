using Federation.Scheduling;

namespace Federation.Membership;

/// <summary>The part of a member's state that its health and maintenance windows move.</summary>
public sealed record MemberHealth(
    MemberState State,
    DateTimeOffset StateSince,
    DateTimeOffset? UnreachableSince,
    DateTimeOffset? HeldDownUntil,
    IReadOnlyList<DateTimeOffset> NotReadyTransitions,
    DateTimeOffset? MaintenanceUntil,
    MemberState StateBeforeMaintenance);

/// <summary>Probe thresholds and flap damping.</summary>
public sealed record LifecycleSettings(int FailureThreshold, int SuccessThreshold, int FlapCount, TimeSpan FlapWindow, TimeSpan HoldDown);

/// <summary>Consecutive probe results so far; <paramref name="Initial"/>: the first probe after a join.</summary>
public sealed record ProbeStreak(bool Healthy, int Failures, int Successes, string? LastError, bool Initial = false);

/// <summary>The member's health after a decision, and the event to record (null: nothing happened).</summary>
public sealed record LifecycleStep(MemberHealth Health, string? Event, string? Message);

/// <summary>
/// How probes and time move a member's state: thresholds with hysteresis, flap hold-down, the end
/// of a maintenance window. Pure: the member grain probes, calls this, persists and publishes.
/// </summary>
public static class MemberLifecycle
{
    public static LifecycleStep AfterProbe(MemberHealth h, ProbeStreak probe, LifecycleSettings s, DateTimeOffset now)
    {
        // 1. A member joins in the state its first probe shows, without waiting for thresholds.
        if (probe.Initial)
        {
            return new(probe.Healthy
                ? h with { State = MemberState.Ready, UnreachableSince = null }
                : h with { State = MemberState.NotReady, UnreachableSince = now }, null, null);
        }

        // 2. Enough failures in a row: unreachable. Only a Ready member becomes NotReady; an
        //    administrative state (cordoned, draining, maintenance...) stays, with the outage noted.
        if (probe.Failures >= s.FailureThreshold && h.UnreachableSince is null)
        {
            var wasReady = h.State == MemberState.Ready;
            var next = h with
            {
                UnreachableSince = now,
                State = wasReady ? MemberState.NotReady : h.State,
                StateSince = wasReady ? now : h.StateSince,
                NotReadyTransitions = [.. h.NotReadyTransitions.Where(t => now - t < s.FlapWindow), now],
            };
            return new(next, "NotReady", $"{probe.Failures} failed probes ({probe.LastError}); state {next.State}");
        }

        // 3. Enough successes in a row: reachable again — held down if it went NotReady too often lately.
        if (probe.Successes >= s.SuccessThreshold && h.UnreachableSince is not null)
        {
            var flapping = h.NotReadyTransitions.Count(t => now - t < s.FlapWindow) >= s.FlapCount;
            var wasNotReady = h.State == MemberState.NotReady;
            var next = h with
            {
                UnreachableSince = null,
                State = wasNotReady ? MemberState.Ready : h.State,
                StateSince = wasNotReady ? now : h.StateSince,
                HeldDownUntil = flapping ? now + s.HoldDown : h.HeldDownUntil,
            };
            return flapping
                ? new(next, "HeldDown", $"reachable again but flapping ({s.FlapCount} outages within {s.FlapWindow}); no new replicas until {next.HeldDownUntil:O}")
                : new(next, "Recovered", $"{probe.Successes} good probes; state {next.State}");
        }

        return new(h, null, null);
    }

    /// <summary>A maintenance window that has ended returns the member to its state before it (NotReady if it is unreachable).</summary>
    public static LifecycleStep EndMaintenanceIfDue(MemberHealth h, DateTimeOffset now)
    {
        if (h.State != MemberState.Maintenance || h.MaintenanceUntil is not { } until || now < until)
        {
            return new(h, null, null);
        }

        var back = h.StateBeforeMaintenance;
        var next = h with
        {
            State = back == MemberState.Ready && h.UnreachableSince is not null ? MemberState.NotReady : back,
            StateSince = now,
            MaintenanceUntil = null,
        };
        return new(next, "MaintenanceEnded", $"maintenance window ended; state {next.State}");
    }

    public static bool IsHeldDown(MemberHealth h, DateTimeOffset now) => h.HeldDownUntil is { } until && until > now;
}
