using Federation.Grains;
using Federation.Scheduling;
using Spectre.Console;

namespace Federation.Cli;

/// <summary>
/// The I/O half of <c>--wait</c>: polls the member (and the migrations of the applications
/// still on it), feeds <see cref="DrainTracker"/>, shows progress, and returns the exit code.
/// </summary>
internal sealed class DrainWatcher(CliContext context, FederationClient client, string cluster)
{
    /// <summary>How long the server may stay unreachable or failing during a watch (a silo restarting) before giving up.</summary>
    private static readonly TimeSpan UnreachableGrace = TimeSpan.FromSeconds(30);

    public async Task<int> WatchAsync(DrainTracker tracker, CancellationToken ct)
    {
        DrainSnapshot last;
        if (context.IsInteractive)
        {
            last = await context.Console.Progress()
                .AutoClear(false)
                .HideCompleted(false)
                .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                .StartAsync(async progress => await PollAsync(tracker, new LiveDrainDisplay(progress).Show, ct));
        }
        else
        {
            last = await PollAsync(tracker, new PlainDrainDisplay(context.Out).Show, ct);
        }

        var writer = last.Outcome == DrainOutcome.Completed ? context.Out : context.Error;
        await writer.WriteLineAsync(last.Outcome == DrainOutcome.Completed ? last.Message : $"error: {last.Message}");
        return last.ExitCode;
    }

    private async Task<DrainSnapshot> PollAsync(DrainTracker tracker, Action<DrainSnapshot> show, CancellationToken ct)
    {
        var lastAnswer = context.Time.GetUtcNow();
        while (true)
        {
            DrainSnapshot snapshot;
            try
            {
                var view = (await client.GetAsync<ClusterView>($"api/v1/clusters/{Uri.EscapeDataString(cluster)}", ct)).Value;
                var stuck = await StuckReasonsAsync(view, ct);
                lastAnswer = context.Time.GetUtcNow();
                snapshot = tracker.Observe(view, stuck, lastAnswer);
            }
            catch (Exception ex) when (ex is FederationUnavailableException or FederationApiException { IsRefusal: false }
                && context.Time.GetUtcNow() - lastAnswer < UnreachableGrace)
            {
                await context.Delay(context.PollInterval, ct);
                continue;
            }

            show(snapshot);
            if (snapshot.Outcome != DrainOutcome.InProgress)
            {
                return snapshot;
            }

            await context.Delay(context.PollInterval, ct);
        }
    }

    private async Task<IReadOnlyDictionary<string, string?>> StuckReasonsAsync(ClusterView view, CancellationToken ct)
    {
        var reasons = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var workload in view.Workloads ?? [])
        {
            if (workload.Remaining <= 0 || reasons.ContainsKey(workload.Application))
            {
                continue;
            }

            if (workload.Application.Split('/') is not [var ns, var name])
            {
                continue;
            }

            try
            {
                // Only a migration off this member holds up its drain; one elsewhere is not our business.
                var migration = (await client.GetAsync<ApplicationView>(ApplicationName.Path(ns, name), ct)).Value.Migration;
                reasons[workload.Application] = migration?.Sources is { Count: > 0 } sources && !sources.Contains(cluster)
                    ? null
                    : migration?.StuckReason;
            }
            catch (FederationApiException ex) when (ex.IsRefusal)
            {
                // Deleted meanwhile: its replicas go away with it, nothing is stuck.
                reasons[workload.Application] = null;
            }
        }

        return reasons;
    }

    /// <summary>The states in which the member is still being emptied by <paramref name="action"/>.</summary>
    public static IReadOnlySet<MemberState> DrainingStates(string action) => action == "retire"
        ? new HashSet<MemberState> { MemberState.Draining, MemberState.Retired }
        : new HashSet<MemberState> { MemberState.Draining };
}
