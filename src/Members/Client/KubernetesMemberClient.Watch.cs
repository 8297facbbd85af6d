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
    public IAsyncEnumerable<DeploymentEvent> WatchManagedDeploymentsAsync(string? resumeFromResourceVersion, CancellationToken ct = default) =>
        WatchAsync(new WatchedKind<V1Deployment>("deployments", ListManagedDeploymentsAsync, WatchDeployments, DeploymentMapper.ToStatus, d => d.Metadata?.ResourceVersion), resumeFromResourceVersion, ct);

    /// <summary>As <see cref="WatchManagedDeploymentsAsync(CancellationToken)"/>, over the managed StatefulSets.</summary>
    public IAsyncEnumerable<DeploymentEvent> WatchManagedStatefulSetsAsync(CancellationToken ct = default) =>
        WatchAsync(new WatchedKind<V1StatefulSet>("statefulsets", ListManagedStatefulSetsAsync, WatchStatefulSets, DeploymentMapper.ToStatus, s => s.Metadata?.ResourceVersion), null, ct);

    private async IAsyncEnumerable<DeploymentEvent> WatchAsync<T>(WatchedKind<T> kind, string? resumeFromResourceVersion, [EnumeratorCancellation] CancellationToken ct)
    {
        // Disposing the client ends its watches quietly instead of leaving them retrying a closed client.
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _disposing.Token);
        var events = WatchKindAsync(kind, resumeFromResourceVersion, linked.Token).GetAsyncEnumerator(linked.Token);
        await foreach (var e in Quietly(events, ct).ConfigureAwait(false))
        {
            yield return e;
        }
    }

    /// <summary>The events until the caller cancels; disposing the client ends them quietly instead.</summary>
    private async IAsyncEnumerable<DeploymentEvent> Quietly(IAsyncEnumerator<DeploymentEvent> events, [EnumeratorCancellation] CancellationToken ct)
    {
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

    /// <summary>Like client-go, the member is asked to end a watch after 5-10 minutes, spreading re-connects.</summary>
    private static int WatchTimeoutSeconds() => Random.Shared.Next(300, 600);

    private IAsyncEnumerable<(WatchEventType, V1Deployment)> WatchDeployments(string resourceVersion, Action<Exception> onError, CancellationToken ct) =>
        _kubernetes.AppsV1.WatchListDeploymentForAllNamespacesAsync(
            allowWatchBookmarks: true,
            labelSelector: FederationLabels.ManagedSelector,
            resourceVersion: resourceVersion,
            timeoutSeconds: WatchTimeoutSeconds(),
            onError: onError,
            cancellationToken: ct);

    private IAsyncEnumerable<(WatchEventType, V1StatefulSet)> WatchStatefulSets(string resourceVersion, Action<Exception> onError, CancellationToken ct) =>
        _kubernetes.AppsV1.WatchListStatefulSetForAllNamespacesAsync(
            allowWatchBookmarks: true,
            labelSelector: FederationLabels.ManagedSelector,
            resourceVersion: resourceVersion,
            timeoutSeconds: WatchTimeoutSeconds(),
            onError: onError,
            cancellationToken: ct);

    private async Task<DeploymentList> ListManagedStatefulSetsAsync(CancellationToken ct)
    {
        var list = await CallAsync("list managed statefulsets", (k, t) =>
            k.AppsV1.ListStatefulSetForAllNamespacesAsync(labelSelector: FederationLabels.ManagedSelector, cancellationToken: t), ct)
            .ConfigureAwait(false);
        return new DeploymentList(list.Items?.Select(DeploymentMapper.ToStatus).ToList() ?? [], list.Metadata?.ResourceVersion ?? "");
    }

    /// <summary>One kind's list-then-watch loop, resuming from the last resourceVersion and re-listing on 410 Gone.</summary>
    private async IAsyncEnumerable<DeploymentEvent> WatchKindAsync<T>(WatchedKind<T> kind, string? resumeFromResourceVersion, [EnumeratorCancellation] CancellationToken ct)
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
                    list = await kind.ListAsync(ct).ConfigureAwait(false);
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

            var connection = new WatchConnection<T>(kind.Open, resourceVersion, _options.WatchIdleTimeout, _options.TimeProvider, ct);
            try
            {
                while (await connection.NextAsync().ConfigureAwait(false) is (var type, var item))
                {
                    // Every event, bookmarks included, moves the point a re-connect resumes from.
                    resourceVersion = kind.ResourceVersionOf(item) is { Length: > 0 } rv ? rv : resourceVersion;
                    if (Translate(type) is { } eventType)
                    {
                        yield return new DeploymentEvent(eventType, kind.ToStatus(item));
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
            MemberClientLog.WatchDropped(_logger, Name, $"{kind.Name} {resourceVersion}", wait, connection.Error);
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

    /// <summary>How to list and watch one kind of managed workload, and read its objects.</summary>
    private sealed record WatchedKind<T>(
        string Name,
        Func<CancellationToken, Task<DeploymentList>> ListAsync,
        Func<string, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> Open,
        Func<T, DeploymentStatus> ToStatus,
        Func<T, string?> ResourceVersionOf);
}
