using System.Net;
using System.Runtime.CompilerServices;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Federation.Members.Client;

public sealed partial class KubernetesMemberClient
{
    /// <summary>
    /// Watches every managed Deployment. The first event is a <see cref="DeploymentEventType.Resync"/> with the
    /// full current set (a list); after it come the changes. A dropped, failed or silent connection is re-opened
    /// from the last resourceVersion seen (bookmarks included), with back-off; when that resourceVersion has
    /// expired (410 Gone) the watch re-lists and emits another Resync. No change is lost: each one arrives as
    /// an event or is contained in a later snapshot. Ends (with <see cref="OperationCanceledException"/>) only
    /// when <paramref name="ct"/> is cancelled.
    /// </summary>
    public IAsyncEnumerable<DeploymentEvent> WatchManagedDeploymentsAsync(CancellationToken ct = default) =>
        WatchManagedDeploymentsAsync(resumeFromResourceVersion: null, ct);

    /// <summary>
    /// As <see cref="WatchManagedDeploymentsAsync(CancellationToken)"/>, but resumes from a resourceVersion kept
    /// from an earlier watch instead of starting with a list; if the member no longer has it, the first event
    /// is a Resync.
    /// </summary>
    public async IAsyncEnumerable<DeploymentEvent> WatchManagedDeploymentsAsync(
        string? resumeFromResourceVersion, [EnumeratorCancellation] CancellationToken ct = default)
    {
        // Disposing the client ends its watches quietly instead of leaving them retrying a closed client.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _disposing.Token);
        var events = WatchCoreAsync(resumeFromResourceVersion, linked.Token).GetAsyncEnumerator(linked.Token);
        try
        {
            while (true)
            {
                var more = false;
                try
                {
                    more = await events.MoveNextAsync().ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_disposing.IsCancellationRequested && !ct.IsCancellationRequested)
                {
                }

                if (!more)
                {
                    break;
                }

                yield return events.Current;
            }
        }
        finally
        {
            await events.DisposeAsync().ConfigureAwait(false);
        }
    }

    private async IAsyncEnumerable<DeploymentEvent> WatchCoreAsync(
        string? resumeFromResourceVersion, [EnumeratorCancellation] CancellationToken ct)
    {
        var resourceVersion = string.IsNullOrEmpty(resumeFromResourceVersion) ? null : resumeFromResourceVersion;
        var failures = 0;
        while (true)
        {
            ct.ThrowIfCancellationRequested();
            if (resourceVersion is null)
            {
                DeploymentList? list = null;
                try
                {
                    list = await ListManagedDeploymentsAsync(ct).ConfigureAwait(false);
                }
                catch (MemberClientException e)
                {
                    var delay = NextWatchDelay(failures++);
                    MemberClientLog.RelistFailed(_logger, Name, delay, e);
                    await Task.Delay(delay, _options.TimeProvider, ct).ConfigureAwait(false);
                    continue;
                }

                resourceVersion = list.ResourceVersion;
                MemberClientLog.Resynced(_logger, Name, list.Items.Count, resourceVersion);
                yield return new DeploymentEvent(DeploymentEventType.Resync, null, list.Items);
            }

            var connection = new WatchConnection(_kubernetes, resourceVersion, _options.WatchIdleTimeout, _options.TimeProvider, ct);
            try
            {
                while (await connection.NextAsync().ConfigureAwait(false) is (var type, var deployment))
                {
                    // Every event, bookmarks included, moves the point a re-connect resumes from.
                    resourceVersion = deployment.Metadata?.ResourceVersion is { Length: > 0 } rv ? rv : resourceVersion;
                    if (Translate(type) is { } eventType)
                    {
                        yield return new DeploymentEvent(eventType, DeploymentMapper.ToStatus(deployment));
                    }
                }
            }
            finally
            {
                await connection.DisposeAsync().ConfigureAwait(false);
            }

            if (connection.Gone)
            {
                MemberClientLog.WatchExpired(_logger, Name, resourceVersion);
                resourceVersion = null;
                failures = 0;
                continue;
            }

            // A connection that delivered something was healthy: re-open at once. One that failed or went
            // silent without a single event backs off, so a dead member is not hammered.
            failures = connection.Received > 0 ? 0 : failures + 1;
            var wait = failures == 0 ? TimeSpan.Zero : NextWatchDelay(failures - 1);
            MemberClientLog.WatchDropped(_logger, Name, resourceVersion, wait, connection.Error);
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, _options.TimeProvider, ct).ConfigureAwait(false);
            }
        }
    }

    private TimeSpan NextWatchDelay(int failures) =>
        Backoff.Delay(failures, _options.WatchReconnectBaseDelay, _options.WatchReconnectMaxDelay, Random.Shared);

    private static DeploymentEventType? Translate(WatchEventType type) => type switch
    {
        WatchEventType.Added => DeploymentEventType.Added,
        WatchEventType.Modified => DeploymentEventType.Modified,
        WatchEventType.Deleted => DeploymentEventType.Deleted,
        _ => null,
    };

    internal static bool IsGone(Exception e) => e switch
    {
        KubernetesException k => k.Status?.Code == (int)HttpStatusCode.Gone || k.Status?.Reason is "Expired" or "Gone",
        HttpOperationException h => MemberErrors.StatusOf(h) == HttpStatusCode.Gone,
        _ => false,
    };
}
