using Federation.Members.Client;

namespace Federation.Grains;

/// <summary>
/// The one watch per member over every managed Deployment and StatefulSet (a loop per kind): each change goes to the application
/// it belongs to (key namespace/name). The member client resumes and re-lists by itself; this
/// loop only restarts it, with backoff, when it fails outright.
/// </summary>
public sealed class MemberWatch : IDisposable
{
    private readonly CancellationTokenSource _stop = new();

    private MemberWatch()
    {
    }

    public static MemberWatch Start(string member, IMemberClient client, IGrainFactory grains, TimeProvider time, ILogger logger)
    {
        var watch = new MemberWatch();
        _ = Task.Run(() => watch.RunAsync(member, client.WatchManagedDeploymentsAsync, grains, time, logger));
        _ = Task.Run(() => watch.RunAsync(member, client.WatchManagedStatefulSetsAsync, grains, time, logger));
        return watch;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task RunAsync(string member, Func<CancellationToken, IAsyncEnumerable<DeploymentEvent>> watch, IGrainFactory grains, TimeProvider time, ILogger logger)
    {
        var ct = _stop.Token;
        var backoff = TimeSpan.FromMilliseconds(200);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await foreach (var e in watch(ct))
                {
                    backoff = TimeSpan.FromMilliseconds(200);
                    Dispatch(member, grains, time, e);
                }
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                logger.LogDebug(e, "watch of {Member} failed; restarting in {Backoff}", member, backoff);
            }

            try
            {
                await Task.Delay(backoff, time, ct);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
        }
    }

    private static void Dispatch(string member, IGrainFactory grains, TimeProvider time, DeploymentEvent e)
    {
        var items = e.Type == DeploymentEventType.Resync ? e.Snapshot ?? [] : e.Deployment is null ? [] : [e.Deployment];
        foreach (var d in items)
        {
            var app = grains.GetGrain<IApplicationGrain>($"{d.Namespace}/{d.Name}");
            _ = e.Type == DeploymentEventType.Deleted
                ? app.AbsentAsync(member)
                : app.ObservedAsync(member, ToObserved(d, time.GetUtcNow()));
        }
    }

    public static ObservedDeployment ToObserved(DeploymentStatus d, DateTimeOffset now) => new(
        d.DesiredReplicas, d.Replicas, d.ReadyReplicas, d.AvailableReplicas, d.UpdatedReplicas, d.Generation, d.ObservedGeneration, now)
    {
        OrdinalsStart = d.OrdinalsStart,
    };
}
