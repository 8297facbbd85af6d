using System.Threading.Channels;

namespace Federation.Members.Simulation;

/// <summary>
/// The simulated cluster's state and its controllers (deployment controller, scheduler, kubelet).
/// API writes change the store under <see cref="ObjectStore.Gate"/> and enqueue the affected
/// Deployment; one loop syncs queued Deployments, starts pods whose start-up delay has passed,
/// and schedules pending pods when room appears. Everything runs under the one gate, so a sync
/// sees one consistent state, like a controller reading from an informer cache.
/// </summary>
internal sealed partial class ClusterEngine : IAsyncDisposable
{
    private const int SyncBatch = 256;

    private readonly ObjectStore _store;
    private readonly TimeProvider _time;
    private readonly TimeSpan _startupDelay;
    private readonly SortedDictionary<string, NodeState> _nodes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OwnedPods> _owned = new(StringComparer.Ordinal);
    private readonly SortedSet<(DateTimeOffset Created, string Key)> _pending = new();
    private readonly PriorityQueue<(string Ns, string Name), DateTimeOffset> _starting = new();
    private readonly PriorityQueue<(string Ns, string Name), DateTimeOffset> _resync = new();
    private readonly Dictionary<string, DateTimeOffset> _resyncAt = new(StringComparer.Ordinal);
    private readonly HashSet<string> _unhealthy = new(StringComparer.Ordinal);
    private readonly Queue<string> _queue = new();
    private readonly HashSet<string> _queued = new(StringComparer.Ordinal);
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly ITimer _timer;
    private readonly Task _loop;
    private bool _roomAppeared;

    public ClusterEngine(ObjectStore store, TimeProvider time, TimeSpan startupDelay)
    {
        _store = store;
        _time = time;
        _startupDelay = startupDelay;
        _timer = time.CreateTimer(_ => Kick(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        store.Observer = Observe;
        _loop = Task.Run(RunAsync);
    }

    public ObjectStore Store => _store;

    public TimeProvider Time => _time;

    public DateTimeOffset Now => _time.GetUtcNow();

    /// <summary>Queues a Deployment for the controller; call under the gate.</summary>
    public void Enqueue(string ns, string name)
    {
        var key = $"{ns}/{name}";
        if (_queued.Add(key))
        {
            _queue.Enqueue(key);
        }

        Kick();
    }

    public void Kick() => _wake.Writer.TryWrite(true);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _wake.Writer.TryComplete();
        await _timer.DisposeAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    /// <summary>Waits until the controller has nothing queued (tests and benchmarks use it).</summary>
    public async Task WaitIdleAsync(CancellationToken ct)
    {
        while (true)
        {
            lock (_store.Gate)
            {
                if (_queue.Count == 0 && !_roomAppeared && _dirtyNamespaces.Count == 0)
                {
                    return;
                }
            }

            await Task.Delay(5, ct);
        }
    }

    private async Task RunAsync()
    {
        var ct = _stop.Token;
        while (await _wake.Reader.WaitToReadAsync(ct))
        {
            _wake.Reader.TryRead(out _);
            bool more;
            do
            {
                lock (_store.Gate)
                {
                    more = Step();
                }
            }
            while (more && !ct.IsCancellationRequested);
        }
    }

    /// <summary>One bounded slice of controller work, so API requests get the gate in between.</summary>
    private bool Step()
    {
        var now = Now;
        StartDuePods(now);
        while (_resync.TryPeek(out var id, out var at) && at <= now)
        {
            _resync.Dequeue();
            var key = $"{id.Ns}/{id.Name}";
            if (_resyncAt.TryGetValue(key, out var latest) && latest <= at)
            {
                _resyncAt.Remove(key);
            }

            Enqueue(id.Ns, id.Name);
        }

        for (var i = 0; i < SyncBatch && _queue.Count > 0; i++)
        {
            var key = _queue.Dequeue();
            _queued.Remove(key);
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            try
            {
                Sync(key[..slash], key[(slash + 1)..], now);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // One broken Deployment must not stop the controller for all the others.
                Console.Error.WriteLine($"simulated member: sync of {key} failed: {e}");
            }
        }

        if (_roomAppeared && _queue.Count == 0)
        {
            _roomAppeared = false;
            SchedulePending(now);
        }

        if (_queue.Count == 0 && _dirtyNamespaces.Count > 0)
        {
            RefreshCompanions(now);
        }

        var hasStart = _starting.TryPeek(out _, out var due);
        if (_resync.TryPeek(out _, out var resyncAt) && (!hasStart || resyncAt < due))
        {
            due = resyncAt;
            hasStart = true;
        }

        if (hasStart)
        {
            var wait = due - Now;
            _timer.Change(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, Timeout.InfiniteTimeSpan);
        }

        return _queue.Count > 0 || _roomAppeared || _dirtyNamespaces.Count > 0;
    }
}
