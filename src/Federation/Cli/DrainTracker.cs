using Federation.Grains;
using Federation.Scheduling;

namespace Federation.Cli;

/// <summary>
/// The arithmetic and the verdict of <c>clusters drain|retire --wait</c>, without I/O:
/// fed one poll of the member (and what its applications' migrations say) at a time, it
/// says how many replicas moved and whether to stop. Decided in a fixed order: the member
/// left the draining states (someone uncordoned it, it went NotReady) → failed; it is
/// empty → done; every replica left blocked for longer than the blocked timeout → blocked;
/// a migration stuck for longer than the grace → failed; out of time → failed if something
/// is stuck (that is why), else timed out.
/// </summary>
internal sealed class DrainTracker(
    string cluster,
    IReadOnlySet<MemberState> drainingStates,
    DateTimeOffset startedAt,
    TimeSpan timeout,
    TimeSpan stuckGrace,
    TimeSpan? blockedTimeout = null)
{
    /// <summary>How long every replica left may stay blocked before the watch stops early (exit 5).</summary>
    public static readonly TimeSpan DefaultBlockedTimeout = TimeSpan.FromSeconds(60);

    private readonly Dictionary<string, int> _initial = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _stuckSince = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DateTimeOffset> _blockedSince = new(StringComparer.Ordinal);

    /// <summary>A member seen stuck this long fails the watch early: waiting for the full timeout would only delay the runbook.</summary>
    public static TimeSpan DefaultStuckGrace(TimeSpan timeout) =>
        timeout < TimeSpan.FromMinutes(4) ? timeout / 2 : TimeSpan.FromMinutes(2);

    /// <summary>Records the replicas on the member before the action, so that the first poll already shows what moved.</summary>
    public void Baseline(ClusterView view)
    {
        foreach (var workload in view.Workloads ?? [])
        {
            Raise(workload.Application, workload.Applied);
        }
    }

    public DrainSnapshot Observe(ClusterView view, IReadOnlyDictionary<string, MigrationStatus> migrations, DateTimeOffset now)
    {
        var elapsed = now - startedAt;
        var workloads = (view.Workloads ?? []).GroupBy(w => w.Application, StringComparer.Ordinal).ToList();
        foreach (var g in workloads)
        {
            Raise(g.Key, g.Sum(w => w.Applied));
        }

        // Replicas lost with an unreachable member and running elsewhere count as moved.
        var remaining = workloads.ToDictionary(g => g.Key, g => g.Sum(w => w.Remaining), StringComparer.Ordinal);

        // An application that left the member's workloads has nothing left there.
        var progress = _initial
            .OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p =>
            {
                var left = remaining.GetValueOrDefault(p.Key);
                var status = left > 0 ? migrations.GetValueOrDefault(p.Key) ?? MigrationStatus.None : MigrationStatus.None;
                return new ApplicationDrainProgress(p.Key, p.Value, left, status.StuckReason, status.Blocked, status.Unblock);
            })
            .ToList();
        Track(_stuckSince, progress.Where(p => p.StuckReason is not null), now);
        Track(_blockedSince, progress.Where(p => p.Blocked is not null), now);

        var (outcome, message) = Decide(view, progress, elapsed, now);
        return new DrainSnapshot(cluster, view.State, progress, elapsed, outcome, message);
    }

    private (DrainOutcome, string) Decide(ClusterView view, List<ApplicationDrainProgress> progress, TimeSpan elapsed, DateTimeOffset now)
    {
        var remaining = progress.Sum(p => p.Remaining);
        if (!drainingStates.Contains(view.State))
        {
            return (DrainOutcome.Failed,
                $"cluster {cluster} is now {view.State} (expected {string.Join(" or ", drainingStates)}); {remaining} replica(s) still on it");
        }

        if (remaining == 0)
        {
            return (DrainOutcome.Completed,
                $"cluster {cluster} holds no replicas: {progress.Sum(p => p.Moved)} moved in {Units.Duration(elapsed)}");
        }

        var left = progress.Where(p => p.Remaining > 0).ToList();
        var blockedFor = left.All(p => p.Blocked is not null) ? now - left.Max(p => _blockedSince[p.Application]) : TimeSpan.Zero;
        if (blockedFor > TimeSpan.Zero && blockedFor >= (blockedTimeout ?? DefaultBlockedTimeout))
        {
            var why = string.Join('\n', left.Select(p => $"  {p.Application}: {p.Blocked}\n    would unblock: {p.Unblock ?? "unknown"}"));
            return (DrainOutcome.Blocked,
                $"every replica left on cluster {cluster} has been blocked for {Units.Duration(blockedFor)}; {remaining} replica(s) still on it:\n{why}");
        }

        var stuckLongest = progress
            .Where(p => p.StuckReason is not null)
            .Select(p => (p.Application, p.StuckReason, Since: _stuckSince[p.Application]))
            .OrderBy(s => s.Since)
            .FirstOrDefault();
        var stuckFor = stuckLongest.Application is null ? TimeSpan.Zero : now - stuckLongest.Since;
        if (stuckLongest.Application is not null && (stuckFor >= stuckGrace || elapsed >= timeout))
        {
            return (DrainOutcome.Failed,
                $"migration of {stuckLongest.Application} off {cluster} is stuck ({stuckLongest.StuckReason}) for {Units.Duration(stuckFor)}; {remaining} replica(s) still on it");
        }

        if (elapsed >= timeout)
        {
            var waiting = string.Join("; ", left.Where(p => p.Blocked is not null).Select(p => $"{p.Application}: {p.Blocked}"));
            return (DrainOutcome.TimedOut,
                $"timed out after {Units.Duration(elapsed)}: {remaining} replica(s) still on cluster {cluster}" + (waiting.Length > 0 ? $" ({waiting})" : ""));
        }

        return (DrainOutcome.InProgress, $"{progress.Sum(p => p.Moved)}/{progress.Sum(p => p.Initial)} replica(s) moved");
    }

    private static void Track(Dictionary<string, DateTimeOffset> since, IEnumerable<ApplicationDrainProgress> flagged, DateTimeOffset now)
    {
        var current = flagged.Select(p => p.Application).ToHashSet(StringComparer.Ordinal);
        foreach (var gone in since.Keys.Where(a => !current.Contains(a)).ToList())
        {
            since.Remove(gone);
        }

        foreach (var application in current)
        {
            since.TryAdd(application, now);
        }
    }

    private void Raise(string application, int applied) =>
        _initial[application] = Math.Max(_initial.GetValueOrDefault(application), Math.Max(0, applied));
}
