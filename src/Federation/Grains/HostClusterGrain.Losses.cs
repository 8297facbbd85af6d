using Federation.Observability;
using Federation.Planning;

namespace Federation.Grains;

// Survivability, watched: every single member loss is re-evaluated when something that can change
// the answer changed (SurvivabilityWatch decides when), off the grain's turn so that a fleet-wide
// evaluation never holds up placements, stepping aside while reconciles wait for their turn, and
// exported as metrics and for the dashboard.
public sealed partial class HostClusterGrain
{
    private static readonly TimeSpan StepAsideTick = TimeSpan.FromMilliseconds(50);

    private bool _lossesChanged = true;
    private DateTimeOffset? _lossesStarted;
    // Written by the evaluation when it ends; read on the next tick (a stale value only delays one start).
    private TimeSpan _lossesTook;
    private BackgroundThread _lossesRun = BackgroundThread.None;

    /// <summary>Written by the evaluation off the grain's turn; one reference each, read whole.</summary>
    private volatile FleetLossesView? _losses;
    private volatile IReadOnlyDictionary<string, int>? _shortfallByMember;

    /// <summary>Since when the running evaluation has been paused (UTC ticks), 0 while it is not; written by the evaluation.</summary>
    private long _pausedSince;

    public Task<FleetLossesView?> GetLossesAsync() =>
        Task.FromResult(_losses is { } losses && Interlocked.Read(ref _pausedSince) is > 0 and var since
            ? losses with { PausedSince = new DateTimeOffset(since, TimeSpan.Zero) }
            : _losses);

    private void WatchLosses()
    {
        var interval = options.Value.SurvivabilityInterval;
        this.RegisterGrainTimer(
            _ =>
            {
                EvaluateLossesIfDue(interval);
                return Task.CompletedTask;
            },
            new GrainTimerCreationOptions(interval, interval) { KeepAlive = true });
    }

    private void LossesMayHaveChanged() => _lossesChanged = true;

    private void EvaluateLossesIfDue(TimeSpan interval)
    {
        var now = time.GetUtcNow();
        var spacing = SurvivabilityWatch.Spacing(interval, _lossesTook);
        if (!SurvivabilityWatch.Due(_lossesChanged, !_lossesRun.Ended, FleetKnown, _lossesStarted, now, spacing))
        {
            // The last answer is stated again each tick (cheap), so the exported figures are always this host's latest.
            Export();
            return;
        }

        _lossesChanged = false;
        _lossesStarted = now;
        // The inputs are immutable records, copied here on the grain's turn; nothing else is shared.
        List<FleetMember> members = [.. _members.Values.Select(Promised)];
        List<FleetApplication> applications = [.. _index.Applications];
        // Its own thread, at the lowest CPU priority: it may pause (see SurvivabilityWatch.Pauses), which
        // must not hold a pool thread, and between pauses it takes only CPU time nothing else wants.
        _lossesRun = BackgroundThread.Start(
            "survivability",
            () =>
            {
                var started = time.GetTimestamp();
                var paused = new System.Diagnostics.Stopwatch();
                var report = Survivability.Evaluate(SurvivabilityWatch.Question, members, applications, now, SurvivabilityWatch.Shown, () => StepAside(paused)).Report!;
                Publish(report, now);
                _lossesTook = TimeSpan.FromTicks(Math.Max(0, (time.GetElapsedTime(started) - paused.Elapsed).Ticks));
            },
            e => logger.LogWarning(e, "The survivability evaluation failed; the last answer stands until the next"));
    }

    /// <summary>Before each what-if plan: waits while reconciles wait for a turn on this silo (within the budget).</summary>
    private void StepAside(System.Diagnostics.Stopwatch paused)
    {
        if (!SurvivabilityWatch.Pauses(gate.Waiting, paused.Elapsed))
        {
            return;
        }

        Interlocked.Exchange(ref _pausedSince, time.GetUtcNow().UtcTicks);
        paused.Start();
        while (SurvivabilityWatch.Pauses(gate.Waiting, paused.Elapsed))
        {
            Thread.Sleep(StepAsideTick);
        }

        paused.Stop();
        Interlocked.Exchange(ref _pausedSince, 0);
    }

    private void Export()
    {
        if (_losses is { } losses && _shortfallByMember is { } byMember)
        {
            FederationMetrics.SetSurvivability(losses.Unsurvivable, byMember);
        }
    }

    private void Publish(SurvivabilityReport report, DateTimeOffset now)
    {
        _shortfallByMember = SurvivabilityWatch.ShortfallByMember(report);
        _losses = new FleetLossesView(
            now,
            report.Losses.Count,
            report.Unsurvivable,
            [.. report.Losses.Where(l => !l.Survivable).Take(SurvivabilityWatch.Shown).Select(l => new MemberLossView(
                string.Join("+", l.Groups),
                l.Unplaced,
                [.. l.Applications.OrderByDescending(a => a.Shortfall).Select(a => $"{a.Application}: {a.Shortfall} of {a.Replicas}")],
                l.Nodes?.ToString()))]);
        Export();
    }
}
