using Federation.Members.Client;
using Federation.Migration;
using Federation.Planning;

namespace Federation.Grains;

// The reconcile: one idempotent pass that reads the current state and decides in a fixed order —
// place, avoid, plan a step, write, account for the migration, report.
public sealed partial class ApplicationGrain
{
    private async Task ReconcileAsync(string reason)
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

        _members = answer.Members;
        ForgetUnjoined(answer);
        if (UpdateAvoid(answer, now))
        {
            answer = await Host.PlaceAsync(Ask(spec), Holding());
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
        var members = state.State.Target.Keys.Union(state.State.Applied.Keys).Order(StringComparer.Ordinal).ToList();
        var progress = members.Select(m => new MemberProgress(
            m,
            state.State.Target.GetValueOrDefault(m),
            state.State.Applied.GetValueOrDefault(m),
            state.State.Observed.GetValueOrDefault(m)?.Ready ?? 0,
            IsReachable(answer, m))).ToList();
        var input = new StepInput(spec.Replicas, spec.MaxUnavailable, spec.StepSize, progress);
        var decision = await GateByHooksAsync(spec, input, RolloutPlanner.Next(input), now);

        // 3. Write: the step, and every reachable member whose Deployment drifted from what was applied.
        var writes = new Dictionary<string, int>(decision.Writes, StringComparer.Ordinal);
        foreach (var p in progress.Where(p => p.Reachable && p.Applied > 0 && !writes.ContainsKey(p.Name) && Drifted(p.Name, spec)))
        {
            writes[p.Name] = p.Applied;
        }

        var appliedBefore = new Dictionary<string, int>(state.State.Applied, StringComparer.Ordinal);
        var moved = await WriteAsync(writes, reason);

        // 4. Account for the migration, then tell the host and the metrics where things are.
        TrackMigration(answer, decision, moved, now);
        NoteRaises(spec, decision.Writes, appliedBefore);
        Report(answer);
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
        spec.FailoverAfter,
        state.State.Target,
        state.State.Avoid.ToDictionary(a => a.Key, a => a.Value.Reason, StringComparer.Ordinal))
    {
        Rebalance = state.State.Rebalance,
        MemberPodRequests = _memberRequests,
    };

    /// <summary>
    /// A member holding replicas went unreachable but not for failoverAfter yet: reconcile again
    /// the moment it has, rather than waiting for the next resync.
    /// </summary>
    private void WakeForFailover(PlacementAnswer answer, ApplicationSpec spec, DateTimeOffset now)
    {
        var due = answer.Members.Values
            .Where(m => m.Member.UnreachableSince is not null && state.State.Applied.GetValueOrDefault(m.Name) > 0)
            .Select(m => m.Member.UnreachableSince!.Value + spec.FailoverAfter)
            .Where(at => at > now)
            .DefaultIfEmpty(DateTimeOffset.MaxValue)
            .Min();
        if (due == DateTimeOffset.MaxValue || due >= _failoverCheckAt && _failoverCheckAt > now)
        {
            return;
        }

        _failoverCheckAt = due;
        _failoverTimer?.Dispose();
        _failoverTimer = this.RegisterGrainTimer(
            _ => ReconcileAsync("failoverAfter elapsed"),
            new GrainTimerCreationOptions(due - now + TimeSpan.FromMilliseconds(50), Timeout.InfiniteTimeSpan));
    }

    /// <summary>Members where this application has (or may have) replicas or a Deployment.</summary>
    private List<string> Holding() => [.. state.State.Applied.Keys.Union(state.State.Observed.Keys).Union(state.State.Target.Keys)];

    private static bool IsReachable(PlacementAnswer answer, string member) =>
        answer.Members.TryGetValue(member, out var m) && m.Reachable;

    private void TakePlacement(PlacementAnswer answer)
    {
        var target = answer.Placement.Where(kv => kv.Value > 0).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var changed = target.Count != state.State.Target.Count
            || target.Any(kv => state.State.Target.GetValueOrDefault(kv.Key) != kv.Value);
        if (changed)
        {
            var before = Describe(state.State.Target);
            state.State.Target = target;
            Record("Placed", null, null, target.Values.Sum(), $"placement {before} → {Describe(target)}");
        }

        if (answer.Shortfall != state.State.Shortfall)
        {
            Record(
                answer.Shortfall > 0 ? "Shortfall" : "ShortfallCleared",
                null,
                null,
                answer.Shortfall,
                answer.Shortfall > 0 ? $"{answer.Shortfall} replica(s) fit nowhere; holding what runs" : "every replica is placed");
            state.State.Shortfall = answer.Shortfall;
        }

        state.State.Excluded = new Dictionary<string, string>(answer.Excluded, StringComparer.Ordinal);
    }

    private bool Drifted(string member, ApplicationSpec spec)
    {
        if (state.State.AppliedTemplate.GetValueOrDefault(member) != TemplateFor(member).Hash
            || state.State.AppliedOverrides.GetValueOrDefault(member) != EffectiveOn(spec, member).Hash
            || CompanionsDrifted(spec, member))
        {
            return true;
        }

        var observed = state.State.Observed.GetValueOrDefault(member);
        return observed is null || observed.Desired != state.State.Applied.GetValueOrDefault(member);
    }

    private static string Describe(IReadOnlyDictionary<string, int> placement) =>
        placement.Count == 0 ? "{}" : "{" + string.Join(", ", placement.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}")) + "}";
}
