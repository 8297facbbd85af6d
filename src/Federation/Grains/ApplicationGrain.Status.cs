using Federation.Applications;
using Federation.Observability;

namespace Federation.Grains;

// What the application tells others: its footprint per member (to the host, for drains and
// unjoins), its metrics, and the view the API shows.
public sealed partial class ApplicationGrain
{
    private static readonly IReadOnlyDictionary<string, string> NoExclusions = new Dictionary<string, string>();

    private void Report(PlacementAnswer answer)
    {
        var spec = state.State.Spec!;
        _unreachable = [.. answer.Members.Keys.Where(m => !IsReachable(answer, m))];
        var account = Account();
        var workloads = account.Members.Select(a => new MemberWorkload(a.Name, a.Target, a.Applied, a.Ready, a.Lost, a.Unknown)).ToList();
        var changed = _reported is null || !_reported.SequenceEqual(workloads);
        if (changed || _reportedTo != answer.HostActivation)
        {
            // Only a change travels (the host keeps the last report), or everything to a new host activation.
            _reportedTo = answer.HostActivation;
            _reported = workloads;
            _ = Host.ReportAsync(Key, workloads);
        }

        FederationMetrics.SetApplicationSpec(Key, spec.Replicas, spec.MaxUnavailable, state.State.Shortfall);
        FederationMetrics.SetRollout(Key, state.State.Rollout?.Progress is { } p ? (p is { Phase: Federation.Rollouts.RolloutPhase.Progressing, Paused: true } ? "Paused" : p.Phase.ToString()) : null);
        if (changed)
        {
            // Two series per member: set again only when a target or a ready count moved (a failover is
            // tens of thousands of reconciles, most of which move neither).
            FederationMetrics.SetApplicationPlacement(
                Key,
                workloads.ToDictionary(w => w.Member, w => w.Target, StringComparer.Ordinal),
                workloads.ToDictionary(w => w.Member, w => w.Ready, StringComparer.Ordinal));
        }
    }

    /// <summary>Ready, unknown and lost replicas per member, as of the last reconcile's view of reachability.</summary>
    private ReplicaAccount Account() => ReplicaAccounting.Count(
        state.State.Spec!.Replicas,
        [.. state.State.Target.Keys.Union(state.State.Applied.Keys).Select(m => new MemberReplicas(
            m,
            state.State.Target.GetValueOrDefault(m),
            state.State.Applied.GetValueOrDefault(m),
            state.State.Observed.GetValueOrDefault(m)?.Ready ?? 0,
            !_unreachable.Contains(m)))]);

    private ApplicationView View()
    {
        var spec = state.State.Spec!;
        var account = Account();
        var members = state.State.Target.Keys.Union(state.State.Applied.Keys).Union(state.State.Observed.Keys).Order(StringComparer.Ordinal);
        var views = members.Select(m =>
        {
            var o = state.State.Observed.GetValueOrDefault(m);
            var a = account.Of(m);
            var reachable = !_unreachable.Contains(m);
            return new MemberDeploymentView(m, state.State.Target.GetValueOrDefault(m), state.State.Applied.GetValueOrDefault(m),
                o?.Replicas ?? 0, reachable ? o?.Ready ?? 0 : 0, reachable ? o?.Available ?? 0 : 0, o?.Updated ?? 0, reachable, o?.ObservedAt,
                a?.Unknown ?? 0, a?.Lost ?? 0)
            {
                Ordinals = Stateful ? state.State.Ordinals.GetValueOrDefault(m).ToString() : null,
            };
        }).ToList();

        // An unreachable member's last-known ready replicas may be gone: they never hold the floor.
        var ready = account.Ready;
        var unknown = account.Unknown;
        var floor = Math.Max(0, spec.Replicas - spec.MaxUnavailable);
        var m = state.State.Migration;
        var rollout = state.State.Rollout is { } r ? new RolloutStanding(r.FromHash, r.ToHash, r.Progress) : null;
        var conditions = ApplicationConditions.Of(new ConditionInput(ready, unknown, floor, state.State.Shortfall, state.State.Deleting, m?.Open(), m?.WaitingForHook, rollout))
            .Select(c => new ConditionView(c.Type, c.Status, c.Reason, c.Message)).ToList();
        if (FailoverCondition() is { } awaiting)
        {
            conditions.Add(awaiting);
        }

        var migration = m is null ? null : new MigrationView(
            m.Id, m.Reason, m.Sources, m.Targets, m.Moved, m.Remaining, spec.StepSize, m.StartedAt, m.StepStartedAt, m.StuckReason, m.Blocked, m.BlockedMessage, m.BlockedSince, m.Unblock)
        {
            WaitingForHook = m.WaitingForHook,
            HookCalls = m.HookCalls,
        };
        return new ApplicationView(Namespace, Name, spec.Replicas, floor, spec.Placement.Strategy, views, ready, state.State.Shortfall, conditions, migration, state.State.Generation, _answer?.Excluded ?? NoExclusions, unknown, RolloutView(), CompanionViews())
        {
            Stateful = StatefulView(),
        };
    }
}
