using Federation.Members.Client;

namespace Federation.Grains;

// What the members report: watch events arrive as one-way messages, which Orleans neither orders
// nor retries, and their stamps come from two clocks (the watch's silo, this grain's) that cannot
// order them either. So an observation that shows a member short of what was applied, unchanged for
// two resyncs, is read again from the member: a lost or overtaken event costs a little time, never
// an application that waits for ever.
public sealed partial class ApplicationGrain
{
    public Task ObservedAsync(string member, ObservedDeployment deployment)
    {
        // A Deployment on a member this application neither places on nor holds is not its own
        // (an orphan left by a forgotten member): it is not counted, and never written to.
        if (state.State.Spec is null || !(state.State.Target.ContainsKey(member) || state.State.Applied.ContainsKey(member)))
        {
            return Task.CompletedTask;
        }

        var before = state.State.Observed.GetValueOrDefault(member);
        state.State.Observed[member] = deployment;
        if (Applications.MemberReports.Reconciles(Figures(before), Figures(deployment)!, state.State.Rollout is { Progress.Active: true }, Stateful))
        {
            ReconcileSoon(member);
        }

        return Task.CompletedTask;
    }

    private static Applications.ReportedFigures? Figures(ObservedDeployment? o) =>
        o is null ? null : new(o.Desired, o.Replicas, o.Ready, o.Available, o.Updated, o.ObservedGeneration);

    /// <summary>
    /// Reconciles once for the members' reports of the next <see cref="FederationOptions.ObservationBatch"/>:
    /// a Deployment's pods start together on its members, and each start is several reports
    /// (created, scheduled, ready) that one reconcile reads as well as one each.
    /// </summary>
    private void ReconcileSoon(string member)
    {
        var first = _reportedBy.Count == 0;
        _reportedBy.Add(member);
        _lastReportAt = time.GetUtcNow();
        if (!first)
        {
            // The batch's timer is set already, from its first report: later ones never push it back.
            return;
        }

        _reportTimer ??= this.RegisterGrainTimer(
            _ => OnReportsAsync(),
            new GrainTimerCreationOptions(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        _reportTimer.Change(options.Value.ObservationBatch, Timeout.InfiniteTimeSpan);
    }

    private Task OnReportsAsync()
    {
        var members = string.Join(", ", _reportedBy.Order(StringComparer.Ordinal));
        _reportedBy.Clear();

        // A reconcile begun after the last of these reports has read them all already (the grain takes
        // no report while it reconciles, so every report came before that reconcile or after it ended).
        return _reconcileStartedAt > _lastReportAt ? Task.CompletedTask : OnTimerAsync($"member {members} reported");
    }

    /// <summary>Reads again each reachable member whose last observation is short of what was applied and older than two resyncs.</summary>
    private async Task RefreshStaleAsync(PlacementAnswer answer, DateTimeOffset now)
    {
        var stale = state.State.Applied
            .Where(a => a.Value > 0 && IsReachable(answer, a.Key))
            .Where(a => state.State.Observed.GetValueOrDefault(a.Key) is not { } o
                        || ((o.Ready < a.Value || o.Desired != a.Value) && now - o.ObservedAt > options.Value.ResyncInterval * 2))
            .Select(a => a.Key)
            .ToList();
        foreach (var member in stale)
        {
            try
            {
                if (await clients.GetAsync(member) is { } client && await client.GetDeploymentAsync(Namespace, Name, WorkloadKind) is { } status)
                {
                    state.State.Observed[member] = MemberWatch.ToObserved(status, time.GetUtcNow());
                    _dirty = true;
                }
            }
            catch (MemberClientException)
            {
                // Out of reach after all: the next reconcile asks again.
            }
        }
    }
}
