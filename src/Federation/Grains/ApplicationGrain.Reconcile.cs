using Federation.Applications;
using Federation.Migration;
using Federation.Planning;

namespace Federation.Grains;

// The reconcile: one idempotent pass that reads the current state and decides in a fixed order —
// place, avoid, plan a step, write, account for the migration, report.
public sealed partial class ApplicationGrain
{
    /// <param name="gated">Whether the reconcile waits for a turn at the silo's <see cref="ReconcileGate"/>: all but the API's.</param>
    private async Task ReconcileAsync(string reason, bool gated = true)
    {
        if (!gated)
        {
            await ReconcileNowAsync(reason);
            return;
        }

        // No turn: the host is stopping, and the reconcile is let go.
        if (await gate.EnterAsync() is { } turn)
        {
            using (turn)
            {
                await ReconcileNowAsync(reason);
            }
        }
    }

    private async Task ReconcileNowAsync(string reason)
    {
        try
        {
            await ReconcileOnceAsync(reason);
        }
        finally
        {
            // A resync's own reconcile does not count: resyncs of a quiet application come every pace.
            if (reason != Resync)
            {
                _reconciledAt = time.GetUtcNow();
            }
        }
    }

    private async Task ReconcileOnceAsync(string reason)
    {
        var spec = state.State.Spec;
        if (spec is null)
        {
            return;
        }

        if (state.State.Deleting)
        {
            await DeleteEverywhereAsync();
            return;
        }

        var now = time.GetUtcNow();
        _reconcileStartedAt = now;
        Observability.FederationMetrics.ApplicationReconciles.WithLabels(Key).Inc();
        ExpireAvoid(now);

        // 1. Place against the fleet (the host reserves capacity as it places), with what a pod requests on each member.
        await RefreshMemberRequestsAsync(spec);
        var answer = await Host.PlaceAsync(Ask(spec), Holding());
        if (!answer.FleetKnown)
        {
            return;
        }

        _answer = answer;
        ForgetUnjoined(answer);
        if (UpdateAvoid(answer, now))
        {
            _answer = answer = await Host.PlaceAsync(Ask(spec), Holding());
        }

        if (state.State.Rebalance)
        {
            state.State.Rebalance = false;
            _dirty = true;
        }

        TakePlacement(answer);
        await RefreshStaleAsync(answer, now);
        await StepRolloutAsync(answer, now);

        // 2. Plan one step of the rollout towards the placement.
        var progress = Progress(answer);
        var input = new StepInput(spec.Replicas, spec.MaxUnavailable, spec.StepSize, progress);
        var decision = Stateful ? StepOrdinals(spec, answer, now) : await GateByHooksAsync(spec, input, RolloutPlanner.Next(input), now);

        // 3. Write: the step, and every reachable member whose Deployment drifted from what was applied.
        var writes = Drift.Writes(decision, progress, m => DriftOn(m, spec));
        var appliedBefore = new Dictionary<string, int>(state.State.Applied, StringComparer.Ordinal);
        var moved = await WriteAsync(writes, reason);

        // 4. Account for the migration, then tell the host and the metrics where things are.
        var migrating = state.State.Migration;
        NoteRaises(spec, decision.Writes, appliedBefore);
        TrackMigration(answer, decision, moved, now);
        NoteRaises(spec, decision.Writes, appliedBefore);
        Report(answer);
        await ReportMovesAsync(answer, migrating, appliedBefore);
        WakeForFailover(answer, spec, now);
        var moving = state.State.Migration is not null || state.State.Rollout is { Progress.Active: true };
        Pace(Applications.ResyncPace.Settled(decision, progress, moving, state.State.Shortfall, state.State.Avoid.Count));
        if (_dirty)
        {
            await state.WriteStateAsync();
            _dirty = false;
        }
    }

    private FleetApplication Ask(ApplicationSpec spec) => new(
        Key,
        spec.Replicas,
        spec.Placement,
        spec.PodRequest,
        FailoverAfterFor(spec),
        state.State.Target,
        state.State.Avoid.ToDictionary(a => a.Key, a => a.Value.Reason, StringComparer.Ordinal))
    {
        Rebalance = state.State.Rebalance,
        MemberPodRequests = _memberRequests,
    };

    /// <summary>Reconciles again the moment a member holding replicas has been unreachable for failoverAfter, rather than at the next resync.</summary>
    private void WakeForFailover(PlacementAnswer answer, ApplicationSpec spec, DateTimeOffset now)
    {
        if (Wake.Failover(answer.Members.Values.Select(m => m.Member), state.State.Applied, spec.FailoverAfter, now) is not { } due
            || !Wake.Sooner(due, _failoverCheckAt, now))
        {
            return;
        }

        _failoverCheckAt = due;
        _failoverTimer?.Dispose();
        _failoverTimer = this.RegisterGrainTimer(
            _ => OnTimerAsync("failoverAfter elapsed"),
            new GrainTimerCreationOptions(due - now + TimeSpan.FromMilliseconds(50), Timeout.InfiniteTimeSpan));
    }

    /// <summary>Members where this application has (or may have) replicas or a Deployment.</summary>
    private List<string> Holding() => [.. state.State.Applied.Keys.Union(state.State.Observed.Keys).Union(state.State.Target.Keys)];

    private static bool IsReachable(PlacementAnswer answer, string member) =>
        answer.Members.TryGetValue(member, out var m) && m.Reachable;

    /// <summary>Every member placed on or holding replicas, in name order, as a step of the rollout sees it.</summary>
    private List<MemberProgress> Progress(PlacementAnswer answer) =>
        [.. state.State.Target.Keys.Union(state.State.Applied.Keys).Order(StringComparer.Ordinal).Select(m => new MemberProgress(
            m,
            state.State.Target.GetValueOrDefault(m),
            state.State.Applied.GetValueOrDefault(m),
            state.State.Observed.GetValueOrDefault(m)?.Ready ?? 0,
            IsReachable(answer, m)))];

    private void TakePlacement(PlacementAnswer answer)
    {
        var taken = PlacementChange.Take(state.State.Target, state.State.Shortfall, answer.Placement, answer.Shortfall);
        if (taken.Target is { } target)
        {
            state.State.Target = new Dictionary<string, int>(target, StringComparer.Ordinal);
        }

        RecordAll(taken.Notes);
        state.State.Shortfall = answer.Shortfall;
    }

    private MemberDrift DriftOn(string member, ApplicationSpec spec) => new(
        state.State.AppliedTemplate.GetValueOrDefault(member),
        TemplateFor(member).Hash,
        state.State.AppliedOverrides.GetValueOrDefault(member),
        EffectiveOn(spec, member).Hash,
        state.State.AppliedCompanions.GetValueOrDefault(member),
        spec.Companions ?? [],
        state.State.Applied.GetValueOrDefault(member),
        state.State.Observed.GetValueOrDefault(member)?.Desired)
    {
        // A StatefulSet also drifts when it runs other ordinals than the ones written.
        AppliedStart = Stateful ? OrdinalsStartFor(member) : null,
        ObservedStart = Stateful ? state.State.Observed.GetValueOrDefault(member)?.OrdinalsStart : null,
    };
}
