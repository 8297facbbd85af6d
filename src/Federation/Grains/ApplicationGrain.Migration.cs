using Federation.Applications;
using Federation.Migration;
using Federation.Observability;
using Federation.Scheduling;

namespace Federation.Grains;

// Migrations: when one starts and why, its progress and step timeout, and members avoided because
// the application's replicas there would not become ready.
public sealed partial class ApplicationGrain
{
    private void ExpireAvoid(DateTimeOffset now)
    {
        foreach (var (member, avoid) in state.State.Avoid.Where(a => a.Value.Until <= now).ToList())
        {
            state.State.Avoid.Remove(member);
            Record("AvoidExpired", null, member, 0, $"{member} may receive replicas again ({avoid.Reason})");
        }
    }

    /// <summary>
    /// Application-level failover: replicas on a reachable member that stay unready longer than a
    /// threshold (the step timeout for a migration target, unhealthyAfter otherwise) make the
    /// application avoid that member — but only when the template has run ready somewhere, so a
    /// bad image is not mistaken for a bad member and chased around the fleet.
    /// </summary>
    private bool UpdateAvoid(PlacementAnswer answer, DateTimeOffset now)
    {
        var spec = state.State.Spec!;
        if (state.State.Observed.Any(o => o.Value.Ready > 0 && state.State.AppliedTemplate.GetValueOrDefault(o.Key) == spec.TemplateHash))
        {
            state.State.ProvenTemplate = spec.TemplateHash;
        }

        var changed = false;
        foreach (var (member, applied) in state.State.Applied.ToList())
        {
            var ready = state.State.Observed.GetValueOrDefault(member)?.Ready ?? 0;
            if (!IsReachable(answer, member) || ready >= applied || JudgedByRollout(member))
            {
                changed |= state.State.UnreadySince.Remove(member);
                continue;
            }

            if (!state.State.UnreadySince.TryGetValue(member, out var since))
            {
                state.State.UnreadySince[member] = now;
                _dirty = true;
                continue;
            }

            var isTarget = state.State.Migration?.Targets.Contains(member) == true;
            var limit = isTarget ? spec.StepTimeout : spec.UnhealthyAfter;
            if (now - since < limit || state.State.Avoid.ContainsKey(member) || state.State.ProvenTemplate != spec.TemplateHash)
            {
                continue;
            }

            var why = $"{applied - ready} of {applied} replicas on {member} not ready after {limit.TotalSeconds:0}s";
            state.State.Avoid[member] = new AvoidRecord(now + options.Value.AvoidFor, why);
            state.State.UnreadySince.Remove(member);
            Record("Avoided", member, null, applied - ready, $"{why}; placing them elsewhere", isTarget ? "step-timeout" : "unhealthy");
            changed = true;
        }

        _dirty |= changed;
        return changed;
    }

    private void TrackMigration(PlacementAnswer answer, StepDecision decision, int moved, DateTimeOffset now)
    {
        var spec = state.State.Spec!;
        var sources = state.State.Applied.Where(a => a.Value > state.State.Target.GetValueOrDefault(a.Key)).Select(a => a.Key).ToList();
        var raising = state.State.Target.Where(t => t.Value > state.State.Applied.GetValueOrDefault(t.Key)
            || t.Value > (state.State.Observed.GetValueOrDefault(t.Key)?.Ready ?? 0)).Select(t => t.Key).ToList();
        var migration = state.State.Migration;
        var blocker = sources.Count == 0 ? null : MigrationBlocker.Explain(new BlockInput(
            Ask(spec),
            state.State.Applied.Where(a => IsReachable(answer, a.Key)).Sum(a => Math.Max(0, a.Value - state.State.Target.GetValueOrDefault(a.Key))),
            answer.Shortfall,
            [.. answer.Members.Values.Select(m => m.Member)],
            answer.Excluded,
            now));

        if (migration is null)
        {
            // A migration with nowhere to go is still recorded: its blocker is the reason to report.
            if (sources.Count == 0 || (raising.Count == 0 && blocker is null))
            {
                return;
            }

            var reason = ReasonFor(sources, answer);
            var excess = sources.Sum(s => state.State.Applied[s] - state.State.Target.GetValueOrDefault(s));
            migration = new MigrationRecord(Guid.NewGuid().ToString("N")[..12], reason, sources, raising, moved, now, now, null, decision.Remaining, decision.ReadyCounted);
            Record("MigrationStarted", string.Join(",", sources), string.Join(",", raising), excess, $"moving {excess} replica(s) {string.Join(",", sources)} → {string.Join(",", raising)}", reason);
            FederationMetrics.StartMigration(reason);
            state.State.Migration = Block(migration, blocker, now);
            _dirty = true;
            return;
        }

        var progressed = moved > 0 || decision.ReadyCounted > migration.ReadySeen;
        migration = migration with
        {
            Moved = migration.Moved + moved,
            Remaining = decision.Remaining,
            ReadySeen = Math.Max(migration.ReadySeen, decision.ReadyCounted),
            Sources = migration.Sources.Union(sources).ToList(),
            Targets = migration.Targets.Union(raising).ToList(),
            StepStartedAt = progressed ? now : migration.StepStartedAt,
            StuckReason = progressed ? null : migration.StuckReason,
        };
        FederationMetrics.RecordReplicasMoved(migration.Reason, moved);

        // Done when no reachable member holds more than its target and every target runs ready.
        var reachableLeft = sources.Where(s => IsReachable(answer, s)).ToList();
        if (reachableLeft.Count == 0 && raising.Count == 0)
        {
            Record("MigrationCompleted", string.Join(",", migration.Sources), string.Join(",", migration.Targets), migration.Moved, $"moved {migration.Moved} replica(s) in {(now - migration.StartedAt).TotalSeconds:0.0}s", migration.Reason);
            FederationMetrics.FinishMigration(Key, migration.Reason, "succeeded", now - migration.StartedAt);
            state.State.Migration = null;
            _dirty = true;
            return;
        }

        // Blocked is the more precise word for no progress: it says what the replicas wait for.
        migration = Block(migration, blocker, now);
        if (migration.Blocked is null && migration.StuckReason is null && now - migration.StepStartedAt > spec.StepTimeout)
        {
            var why = state.State.Shortfall > 0
                ? $"{state.State.Shortfall} replica(s) fit nowhere; source replicas held"
                : decision.WaitingFor ?? "no progress";
            migration = migration with { StuckReason = $"step timed out after {spec.StepTimeout.TotalSeconds:0}s: {why}" };
            Record("MigrationStuck", string.Join(",", migration.Sources), string.Join(",", migration.Targets), decision.Remaining, migration.StuckReason, migration.Reason);
        }

        FederationMetrics.SetMigrationStuck(Key, migration.StuckReason is not null);
        _dirty |= migration != state.State.Migration;
        state.State.Migration = migration;
    }

    private MigrationRecord Block(MigrationRecord migration, Blocker? blocker, DateTimeOffset now)
    {
        var sources = string.Join(",", migration.Sources);
        if (blocker is null)
        {
            if (migration.Blocked is not null)
            {
                Record("Unblocked", sources, null, 0, $"no longer blocked ({migration.Blocked})", migration.Reason);
            }

            return migration with { Blocked = null, BlockedMessage = null, BlockedSince = null, Unblock = null };
        }

        if (migration.Blocked != blocker.Reason)
        {
            Record("Blocked", sources, null, blocker.Replicas, $"{blocker.Message}; would unblock: {blocker.Unblock}", blocker.Reason);
        }

        return migration with
        {
            Blocked = blocker.Reason,
            BlockedMessage = blocker.Message,
            BlockedSince = migration.Blocked == blocker.Reason ? migration.BlockedSince : now,
            Unblock = blocker.Unblock,
            StuckReason = null,
        };
    }

    private string ReasonFor(IReadOnlyList<string> sources, PlacementAnswer answer)
    {
        string Of(string s) => answer.Members.TryGetValue(s, out var m)
            ? state.State.Avoid.ContainsKey(s) ? "unhealthy"
            : m.Member.State == MemberState.Draining ? "drain"
            : m.Member.State == MemberState.Retired ? "retire"
            : !m.Reachable || m.Member.State == MemberState.NotReady ? "failover"
            : "rebalance"
            : "failover";
        string[] order = ["failover", "retire", "drain", "unhealthy", "rebalance"];
        return sources.Select(Of).OrderBy(r => Array.IndexOf(order, r)).First();
    }
}
