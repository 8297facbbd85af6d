using Federation.Migration;
using Federation.Scheduling;

namespace Federation.Applications;

/// <summary>
/// Keeps an application's migration record: one is opened when replicas must leave a member (with
/// the reason of the most urgent source), takes in each step's progress, says what blocks it or that
/// its step timed out, and is closed once no reachable member holds more than its target and every
/// target runs ready. Pure: the grain persists the record and records the notes.
/// </summary>
public static class MigrationTracker
{
    private static readonly string[] Urgency = ["failover", "retire", "drain", "unhealthy", "rebalance"];

    public static MigrationDecision Next(MigrationInput input)
    {
        // 1. Sources hold more than their target; targets are raised, or not yet ready there.
        var sources = input.Members.Where(m => m.Applied > m.Target).Select(m => m.Name).ToList();
        var raising = input.Members.Where(m => m.Target > 0 && (m.Target > m.Applied || m.Target > m.Ready)).Select(m => m.Name).ToList();
        var blocker = sources.Count == 0 ? null : MigrationBlocker.Explain(new BlockInput(
            input.Application,
            input.Members.Where(m => m.Reachable).Sum(m => Math.Max(0, m.Applied - m.Target)),
            input.Shortfall,
            [.. input.Fleet.Values],
            input.Excluded,
            input.Now));
        var notes = new List<ReconcileNote>();
        var step = input.Step;
        var now = input.Now;

        // 2. None open: one begins when replicas must leave — even with nowhere to go, its blocker being the reason to report.
        if (input.Open is not { } open)
        {
            if (sources.Count == 0 || (raising.Count == 0 && blocker is null))
            {
                return new(null, MigrationTurn.None, notes);
            }

            var reason = ReasonFor(sources, input);
            var excess = input.Members.Where(m => m.Applied > m.Target).Sum(m => m.Applied - m.Target);
            var from = string.Join(",", sources);
            var to = string.Join(",", raising);
            notes.Add(new("MigrationStarted", from, to, excess, $"moving {excess} replica(s) {from} → {to}", reason));
            var started = new OpenMigration(input.NewId, reason, sources, raising, input.Moved, now, now, null, step.Remaining, step.ReadyCounted);
            return new(Block(started, blocker, now, notes), MigrationTurn.Started, notes);
        }

        // 3. Open: take in the progress; a step that moved or made replicas ready restarts the step clock.
        var progressed = input.Moved > 0 || step.ReadyCounted > open.ReadySeen;
        var migration = open with
        {
            Moved = open.Moved + input.Moved,
            Remaining = step.Remaining,
            ReadySeen = Math.Max(open.ReadySeen, step.ReadyCounted),
            Sources = open.Sources.Union(sources).ToList(),
            Targets = open.Targets.Union(raising).ToList(),
            StepStartedAt = progressed ? now : open.StepStartedAt,
            StuckReason = progressed ? null : open.StuckReason,
        };

        // 4. Done when no reachable member holds more than its target and every target runs ready
        //    (and announced: an AfterReady owed would be lost with the record).
        var reachable = input.Members.Where(m => m.Reachable).Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        if (!sources.Any(reachable.Contains) && raising.Count == 0 && !input.AfterReadyOwed)
        {
            notes.Add(new(
                "MigrationCompleted",
                string.Join(",", migration.Sources),
                string.Join(",", migration.Targets),
                migration.Moved,
                $"moved {migration.Moved} replica(s) in {(now - migration.StartedAt).TotalSeconds:0.0}s",
                migration.Reason));
            return new(null, MigrationTurn.Completed, notes);
        }

        // 5. Blocked is the more precise word for no progress: it says what the replicas wait for.
        //    Otherwise a step without progress past the step timeout is stuck.
        migration = Block(migration, blocker, now, notes);
        if (migration.Blocked is null && migration.StuckReason is null && now - migration.StepStartedAt > input.StepTimeout)
        {
            var why = input.Shortfall > 0 ? $"{input.Shortfall} replica(s) fit nowhere; source replicas held" : step.WaitingFor ?? "no progress";
            migration = migration with { StuckReason = $"step timed out after {input.StepTimeout.TotalSeconds:0}s: {why}" };
            notes.Add(new("MigrationStuck", string.Join(",", migration.Sources), string.Join(",", migration.Targets), step.Remaining, migration.StuckReason, migration.Reason));
        }

        return new(migration, MigrationTurn.Continued, notes);
    }

    /// <summary>
    /// Why replicas leave: the most urgent reason among the sources (failover, retire, drain,
    /// unhealthy, rebalance). A source the fleet no longer knows has failed over.
    /// </summary>
    public static string ReasonFor(IReadOnlyList<string> sources, MigrationInput input)
    {
        string Of(string s) => input.Fleet.TryGetValue(s, out var m)
            ? input.Application.Avoid.ContainsKey(s) ? "unhealthy"
            : m.State == MemberState.Draining ? "drain"
            : m.State == MemberState.Retired ? "retire"
            : m.UnreachableSince is not null || m.State == MemberState.NotReady ? "failover"
            : "rebalance"
            : "failover";
        return sources.Select(Of).OrderBy(r => Array.IndexOf(Urgency, r)).First();
    }

    private static OpenMigration Block(OpenMigration migration, Blocker? blocker, DateTimeOffset now, List<ReconcileNote> notes)
    {
        var sources = string.Join(",", migration.Sources);
        if (blocker is null)
        {
            if (migration.Blocked is not null)
            {
                notes.Add(new("Unblocked", sources, null, 0, $"no longer blocked ({migration.Blocked})", migration.Reason));
            }

            return migration with { Blocked = null, BlockedMessage = null, BlockedSince = null, Unblock = null };
        }

        if (migration.Blocked != blocker.Reason)
        {
            notes.Add(new("Blocked", sources, null, blocker.Replicas, $"{blocker.Message}; would unblock: {blocker.Unblock}", blocker.Reason));
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
}
