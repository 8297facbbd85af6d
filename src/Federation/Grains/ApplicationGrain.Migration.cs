using Federation.Applications;
using Federation.Migration;
using Federation.Observability;

namespace Federation.Grains;

// Migrations and avoidance as the deciders in Core say: the grain gathers what they need, keeps
// what they decide, records their notes and counts them in the metrics.
public sealed partial class ApplicationGrain
{
    private void ExpireAvoid(DateTimeOffset now)
    {
        var (kept, notes) = Avoidance.Expire(AvoidNow(), now);
        if (notes.Count > 0)
        {
            KeepAvoid(kept);
            RecordAll(notes);
        }
    }

    /// <summary>Avoids members whose replicas stay unready; true when the avoidance changed, so the application is placed again.</summary>
    private bool UpdateAvoid(PlacementAnswer answer, DateTimeOffset now)
    {
        var spec = state.State.Spec!;
        var members = state.State.Applied.Keys.Union(state.State.Observed.Keys).Select(m => new AvoidMember(
            m,
            state.State.Applied.TryGetValue(m, out var applied) ? applied : null,
            state.State.Observed.GetValueOrDefault(m)?.Ready ?? 0,
            state.State.AppliedTemplate.GetValueOrDefault(m),
            IsReachable(answer, m),
            JudgedByRollout(m),
            state.State.Migration?.Targets.Contains(m) == true)).ToList();
        var d = Avoidance.Update(new AvoidInput(
            members, state.State.UnreadySince, AvoidNow(), spec.TemplateHash, state.State.ProvenTemplate, spec.StepTimeout, spec.UnhealthyAfter, options.Value.AvoidFor, now));
        if (d.Changed)
        {
            KeepAvoid(d.Avoid);
            state.State.UnreadySince = new Dictionary<string, DateTimeOffset>(d.UnreadySince, StringComparer.Ordinal);
            state.State.ProvenTemplate = d.ProvenTemplate;
            _dirty = true;
        }

        RecordAll(d.Notes);
        return d.Replace;
    }

    private void TrackMigration(PlacementAnswer answer, StepDecision decision, int moved, DateTimeOffset now)
    {
        var spec = state.State.Spec!;
        var before = state.State.Migration;
        var d = MigrationTracker.Next(new MigrationInput(
            Progress(answer),
            decision,
            moved,
            before?.Open(),
            Ask(spec),
            answer.Members.ToDictionary(m => m.Key, m => m.Value.Member, StringComparer.Ordinal),
            answer.Shortfall,
            answer.Excluded,
            spec.StepTimeout,
            Guid.NewGuid().ToString("N")[..12],
            now)
        {
            AfterReadyOwed = before is not null && OwesAfterReady(before),
        });
        RecordAll(d.Notes);
        switch (d.Turn)
        {
            case MigrationTurn.None:
                return;
            case MigrationTurn.Started:
                FederationMetrics.StartMigration(d.Migration!.Reason);
                break;
            case MigrationTurn.Completed:
                FederationMetrics.RecordReplicasMoved(before!.Reason, moved);
                FederationMetrics.FinishMigration(Key, before.Reason, "succeeded", now - before.StartedAt);
                break;
            default:
                FederationMetrics.RecordReplicasMoved(before!.Reason, moved);
                FederationMetrics.SetMigrationStuck(Key, d.Migration!.StuckReason is not null);
                break;
        }

        // A migration that goes on keeps its hook calls; one begun now has none yet.
        state.State.Migration = d.Migration is null ? null : MigrationRecord.Of(d.Migration, d.Turn == MigrationTurn.Continued ? before : null);
        _dirty = true;
    }

    private Dictionary<string, Avoided> AvoidNow() =>
        state.State.Avoid.ToDictionary(a => a.Key, a => new Avoided(a.Value.Until, a.Value.Reason), StringComparer.Ordinal);

    private void KeepAvoid(IReadOnlyDictionary<string, Avoided> avoid)
    {
        state.State.Avoid = avoid.ToDictionary(a => a.Key, a => new AvoidRecord(a.Value.Until, a.Value.Reason), StringComparer.Ordinal);
        _dirty = true;
    }

    private void RecordAll(IReadOnlyList<ReconcileNote> notes)
    {
        foreach (var n in notes)
        {
            Record(n.Kind, n.From, n.To, n.Replicas, n.Message, n.Reason);
        }
    }
}
