using Federation.Observability;
using Federation.Planning;

namespace Federation.Grains;

// Survivability, watched: every single member loss is re-evaluated when something that can change
// the answer changed (SurvivabilityWatch decides when), off the grain's turn so that a fleet-wide
// evaluation never holds up placements, and exported as metrics and for the dashboard.
public sealed partial class HostClusterGrain
{
    /// <summary>How many losses the dashboard lists.</summary>
    private const int WorstLosses = 5;

    private bool _lossesChanged = true;
    private DateTimeOffset? _lossesStarted;
    // Written by the evaluation when it ends; read on the next tick (a stale value only delays one start).
    private TimeSpan _lossesTook;
    private Task _lossesRun = Task.CompletedTask;

    /// <summary>Written by the evaluation off the grain's turn; one reference each, read whole.</summary>
    private volatile FleetLossesView? _losses;
    private volatile IReadOnlyDictionary<string, int>? _shortfallByMember;

    public Task<FleetLossesView?> GetLossesAsync() => Task.FromResult(_losses);

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
        if (!SurvivabilityWatch.Due(_lossesChanged, !_lossesRun.IsCompleted, state.State.Members.All(_members.ContainsKey), _lossesStarted, now, spacing))
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
        _lossesRun = Task.Run(() =>
        {
            var started = time.GetTimestamp();
            Publish(Survivability.Evaluate(SurvivabilityWatch.Question, members, applications, now).Report!, now);
            _lossesTook = time.GetElapsedTime(started);
        });
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
            [.. report.Losses.Where(l => !l.Survivable).Take(WorstLosses).Select(l => new MemberLossView(
                string.Join("+", l.Groups),
                l.Unplaced,
                [.. l.Applications.OrderByDescending(a => a.Shortfall).Select(a => $"{a.Application}: {a.Shortfall} of {a.Replicas}")],
                l.Nodes?.ToString()))]);
        Export();
    }
}
