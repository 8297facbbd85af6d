using k8s;
using k8s.Models;

namespace Federation.Members.Client;

/// <summary>
/// One watch request over the managed workloads of one kind (Deployments, StatefulSets), from one resourceVersion. It ends when the member
/// closes it, the transport fails, it stays silent past the idle timeout, or the member reports an error
/// event; <see cref="Gone"/> and <see cref="Error"/> say which.
/// </summary>
internal sealed class WatchConnection<T> : IAsyncDisposable
{
    private readonly CancellationToken _caller;
    private readonly TimeSpan _idleTimeout;
    private readonly CancellationTokenSource _idle;
    private readonly CancellationTokenSource _connection;
    private readonly IAsyncEnumerator<(WatchEventType, T)> _events;

    /// <param name="open">Opens the watch from a resourceVersion, reporting error events to the given callback.</param>
    public WatchConnection(Func<string, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, T)>> open, string resourceVersion, TimeSpan idleTimeout, TimeProvider time, CancellationToken ct)
    {
        _caller = ct;
        _idleTimeout = idleTimeout;
        _idle = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        _connection = CancellationTokenSource.CreateLinkedTokenSource(ct, _idle.Token);
        _events = open(resourceVersion, OnError, _connection.Token).GetAsyncEnumerator(_connection.Token);
    }

    /// <summary>The member said the resourceVersion has expired (410 Gone): only a re-list can continue.</summary>
    public bool Gone { get; private set; }

    /// <summary>Why the connection ended, when it did not simply close.</summary>
    public Exception? Error { get; private set; }

    /// <summary>How many events (bookmarks included) arrived.</summary>
    public int Received { get; private set; }

    /// <summary>The next event, or null when the connection is over.</summary>
    public async Task<(WatchEventType Type, T Item)?> NextAsync()
    {
        if (Gone || Error is not null)
        {
            return null;
        }

        try
        {
            _idle.CancelAfter(_idleTimeout);
            if (!await _events.MoveNextAsync().ConfigureAwait(false))
            {
                return null;
            }

            Received++;
            return _events.Current;
        }
        catch (OperationCanceledException) when (_caller.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            Record(e is OperationCanceledException && _idle.IsCancellationRequested
                ? new TimeoutException($"the watch was silent for {_idleTimeout.TotalSeconds:0.###} s", e)
                : e);
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _events.DisposeAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException or ObjectDisposedException)
        {
            // Tearing down a broken or cancelled stream; its failure is already recorded.
        }

        _connection.Dispose();
        _idle.Dispose();
    }

    // The client reports error events (a Status object instead of the object) here and keeps reading;
    // a real API server closes the stream after one, so end the connection rather than wait for more.
    private void OnError(Exception e)
    {
        Record(e);
        try
        {
            _connection.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Already torn down.
        }
    }

    private void Record(Exception e)
    {
        if (KubernetesMemberClient.IsGone(e))
        {
            Gone = true;
        }
        else
        {
            Error ??= e;
        }
    }
}
