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
                var migrations = await MigrationsAsync(view, ct);
                lastAnswer = context.Time.GetUtcNow();
                snapshot = tracker.Observe(view, migrations, lastAnswer);
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

    private async Task<IReadOnlyDictionary<string, MigrationStatus>> MigrationsAsync(ClusterView view, CancellationToken ct)
    {
        var statuses = new Dictionary<string, MigrationStatus>(StringComparer.Ordinal);
        foreach (var workload in view.Workloads ?? [])
        {
            if (workload.Remaining <= 0 || statuses.ContainsKey(workload.Application))
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
                statuses[workload.Application] = migration is null || (migration.Sources is { Count: > 0 } sources && !sources.Contains(cluster))
                    ? MigrationStatus.None
                    : new MigrationStatus(
                        migration.StuckReason,
                        migration.Blocked is null ? null : $"{migration.Blocked}: {migration.BlockedMessage}",
                        migration.Unblock);
            }
            catch (FederationApiException ex) when (ex.IsRefusal)
            {
                // Deleted meanwhile: its replicas go away with it, nothing is stuck.
                statuses[workload.Application] = MigrationStatus.None;
            }
        }

        return statuses;
    }

}
