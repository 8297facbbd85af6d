using Federation.Migration;
using Federation.Workloads;
using Federation.Workloads.Stateful;

namespace Federation.Grains;

// A StatefulSet across members: each member runs a disjoint range of ordinals (StatefulOrdinals decides),
// and a failed member keeps its ordinals until the policy or the operator lets them go (FailoverGate).
public sealed partial class ApplicationGrain
{
    private IReadOnlyDictionary<string, OrdinalRange> _ordinalWrites = new Dictionary<string, OrdinalRange>();
    private OrdinalStep? _ordinals;

    private string WorkloadKind => state.State.Spec is { } spec ? TemplateOf(spec.TemplateJson).Kind : WorkloadTemplate.Deployment;

    private bool Stateful => WorkloadKind == WorkloadTemplate.StatefulSet;

    private StatefulFailover FailoverPolicy => state.State.Spec?.StatefulFailover ?? StatefulFailover.AfterConfirmation;

    /// <summary>The failoverAfter the host places with: a stateful member is held until the policy or a confirmation lets it go.</summary>
    private TimeSpan FailoverAfterFor(ApplicationSpec spec) =>
        Stateful ? FailoverGate.FailoverAfter(FailoverPolicy, spec.FailoverAfter, state.State.FailoverConfirmed.Count > 0) : spec.FailoverAfter;

    /// <summary>A StatefulSet member's first ordinal: the range being written now, else the one last written.</summary>
    private int OrdinalsStartFor(string member) =>
        _ordinalWrites.TryGetValue(member, out var r) && !r.IsEmpty ? r.Start : state.State.Ordinals.GetValueOrDefault(member).Start;

    /// <summary>One step of the ordinals towards the placement, in the shape the rest of the reconcile accounts for.</summary>
    private StepDecision StepOrdinals(ApplicationSpec spec, PlacementAnswer answer, DateTimeOffset now)
    {
        foreach (var gone in state.State.Ordinals.Keys.Where(m => !answer.Members.ContainsKey(m)).ToList())
        {
            state.State.Ordinals.Remove(gone);
        }

        UpdateFailoverGate(spec, answer, now);
        var members = state.State.Target.Keys.Union(state.State.Applied.Keys).Union(state.State.Ordinals.Keys).Distinct(StringComparer.Ordinal).Select(m =>
        {
            var range = state.State.Ordinals.TryGetValue(m, out var r) ? r : new OrdinalRange(0, state.State.Applied.GetValueOrDefault(m));
            var o = state.State.Observed.GetValueOrDefault(m);
            var current = o is not null && o.Desired == range.Count && o.OrdinalsStart == range.Start;
            return new OrdinalMember(m, range, state.State.Target.GetValueOrDefault(m), o?.Replicas ?? 0, current ? o!.Ready : 0, IsReachable(answer, m));
        }).ToList();
        var step = StatefulOrdinals.Next(new OrdinalInput(spec.Replicas, members, state.State.OrdinalOrder));
        if (state.State.OrdinalOrder is null || !state.State.OrdinalOrder.SequenceEqual(step.Order))
        {
            state.State.OrdinalOrder = [.. step.Order];
            _dirty = true;
        }

        if (step.InFlight is { } move && step.Writes.ContainsKey(move.To))
        {
            Record("OrdinalMoving", move.From, move.To, 1, $"{Name}-{move.Ordinal} starts on {move.To}, then stops on {move.From} once ready; its volume does not follow", state.State.Migration?.Reason ?? "move");
        }

        // The step that starts a failed member's ordinals elsewhere says so (nothing is written to that member).
        var started = step.Writes.SelectMany(w => w.Value.Ordinals().Where(o => !members.First(m => m.Name == w.Key).Applied.Contains(o))).ToHashSet();
        foreach (var released in members.Where(m => !m.Reachable && m.Target == 0 && m.Applied.Ordinals().Any(started.Contains)))
        {
            Record("StatefulFailover", released.Name, null, released.Applied.Count, $"ordinals {released.Applied} of unreachable {released.Name} start elsewhere ({FailoverPolicy}); volumes do not follow", "failover");
        }

        _ordinals = step;
        _ordinalWrites = step.Writes;
        var ready = members.Where(m => m.Reachable).Sum(m => Math.Min(m.Ready, m.Applied.Count));
        return new StepDecision(step.Writes.ToDictionary(w => w.Key, w => w.Value.Count, StringComparer.Ordinal), step.Remaining, Math.Max(0, spec.Replicas - spec.MaxUnavailable), ready, step.WaitingFor);
    }

    /// <summary>What a write left on the member: its ordinals from the start written, or none once it is deleted.</summary>
    private void NoteOrdinals(string member, int start, int replicas, bool deleted)
    {
        if (!Stateful || deleted)
        {
            state.State.Ordinals.Remove(member);
            return;
        }

        state.State.Ordinals[member] = replicas == 0 ? OrdinalRange.Empty : new OrdinalRange(start, replicas);
    }

    /// <summary>Which failed members await confirmation now, and which confirmations are spent; events for both.</summary>
    private void UpdateFailoverGate(ApplicationSpec spec, PlacementAnswer answer, DateTimeOffset now)
    {
        var members = state.State.Applied.Keys.Select(m => answer.Members.TryGetValue(m, out var s)
            ? new FailoverMember(m, s.Member.UnreachableSince, s.Member.State == Scheduling.MemberState.Maintenance, state.State.Applied[m])
            : new FailoverMember(m, null, false, 0)).ToList();
        foreach (var spent in members.Where(m => state.State.FailoverConfirmed.ContainsKey(m.Name) && FailoverGate.Spent(m)))
        {
            state.State.FailoverConfirmed.Remove(spent.Name);
            _dirty = true;
        }

        var awaiting = FailoverGate.Awaiting(FailoverPolicy, spec.FailoverAfter, members, state.State.FailoverConfirmed.Keys.ToHashSet(), now);
        foreach (var m in awaiting.Where(m => !state.State.FailoverAwaiting.ContainsKey(m)))
        {
            state.State.FailoverAwaiting[m] = now;
            Record("FailoverAwaitingConfirmation", m, null, state.State.Applied.GetValueOrDefault(m),
                $"{m} is unreachable past failoverAfter and holds ordinals {state.State.Ordinals.GetValueOrDefault(m)}; they stay there until `federation apps confirm-failover {Key}` (volumes do not follow)", "failover");
        }

        foreach (var m in state.State.FailoverAwaiting.Keys.Except(awaiting).ToList())
        {
            state.State.FailoverAwaiting.Remove(m);
            _dirty = true;
        }
    }

    public async Task<IReadOnlyList<string>?> ConfirmFailoverAsync()
    {
        if (state.State.Spec is null)
        {
            return null;
        }

        var confirmed = state.State.FailoverAwaiting.Keys.Order(StringComparer.Ordinal).ToList();
        if (confirmed.Count == 0)
        {
            return confirmed;
        }

        var now = time.GetUtcNow();
        foreach (var m in confirmed)
        {
            state.State.FailoverConfirmed[m] = now;
            state.State.FailoverAwaiting.Remove(m);
            Record("FailoverConfirmed", m, null, state.State.Applied.GetValueOrDefault(m), $"failover of {m} confirmed: its ordinals {state.State.Ordinals.GetValueOrDefault(m)} start elsewhere without their volumes", "failover");
        }

        await state.WriteStateAsync();
        await ReconcileAsync("failover confirmed", gated: false);
        return confirmed;
    }

    private StatefulView? StatefulView() => !Stateful ? null : new StatefulView(
        FailoverPolicy.ToString(),
        _ordinals?.InFlight is { } f ? $"{f.Ordinal} {f.From} → {f.To}" : null,
        [.. state.State.FailoverAwaiting.Keys.Order(StringComparer.Ordinal)],
        [.. state.State.FailoverConfirmed.Keys.Order(StringComparer.Ordinal)],
        _ordinals?.WaitingFor);

    private ConditionView? FailoverCondition() => state.State.FailoverAwaiting.Count == 0 ? null
        : new("FailoverConfirmed", false, "AwaitingConfirmation",
            $"{string.Join(", ", state.State.FailoverAwaiting.Keys.Order(StringComparer.Ordinal))} failed and hold ordinals; `federation apps confirm-failover {Key}` starts them elsewhere (volumes do not follow)");
}
