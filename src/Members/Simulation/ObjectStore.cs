namespace Federation.Members.Simulation;

/// <summary>
/// The simulator's etcd: every kind's objects, one global monotonically increasing
/// resourceVersion, and a retained event window per kind. All access happens under <see cref="Gate"/>.
/// </summary>
internal sealed class ObjectStore
{
    private readonly ResourceTable[] _tables;
    private readonly EventRing[] _rings;
    private TaskCompletionSource _changed = NewSignal();
    private bool _signalTaken;

    public ObjectStore(int eventWindow)
    {
        _tables = Enumerable.Range(0, ResourceKinds.Count).Select(_ => new ResourceTable()).ToArray();
        _rings = Enumerable.Range(0, ResourceKinds.Count).Select(_ => new EventRing(eventWindow)).ToArray();
    }

    public Lock Gate { get; } = new();

    private readonly SemaphoreSlim _requests = new(1, 1);

    /// <summary>
    /// An API request's turn at <see cref="Gate"/>, awaited rather than blocked on: a burst of
    /// requests waits without a thread each, where blocked threads spun on the gate and starved
    /// the controller and the watches that hold it. Those take the gate directly.
    /// </summary>
    public async ValueTask<RequestTurn> RequestTurnAsync(CancellationToken ct)
    {
        await _requests.WaitAsync(ct).ConfigureAwait(false);
        return new RequestTurn(_requests);
    }

    public readonly struct RequestTurn(SemaphoreSlim turn) : IDisposable
    {
        public void Dispose() => turn.Release();
    }

    public long ResourceVersion { get; private set; } = 1;

    public long NextResourceVersion() => ++ResourceVersion;

    /// <summary>Called under the gate with every stored change (controllers use it to notice what they depend on).</summary>
    public Action<StoredObject>? Observer { get; set; }

    public ResourceTable Table(ResourceKind kind) => _tables[(int)kind];

    public EventRing Ring(ResourceKind kind) => _rings[(int)kind];

    public StoredObject? Get(ResourceKind kind, string ns, string name) => Table(kind).Get(ns, name);

    /// <summary>Stores a new version (its resourceVersion must come from <see cref="NextResourceVersion"/>) and records the event.</summary>
    public void Put(StoredObject obj, bool added)
    {
        Table(obj.Kind).Put(obj);
        Publish(new WatchEvent(added ? "ADDED" : "MODIFIED", obj));
    }

    /// <summary>Removes an object; the DELETED event carries a fresh resourceVersion.</summary>
    public StoredObject? Delete(ResourceKind kind, string ns, string name)
    {
        var existing = Table(kind).Get(ns, name);
        if (existing is null)
        {
            return null;
        }

        Table(kind).Remove(ns, name);
        var final = existing.WithResourceVersion(NextResourceVersion());
        existing.Superseded();
        final.Superseded();
        Publish(new WatchEvent("DELETED", final));
        return final;
    }

    /// <summary>A task that completes at the next change; take it under the gate, await it outside.</summary>
    public Task Changed()
    {
        _signalTaken = true;
        return _changed.Task;
    }

    public void Compact()
    {
        foreach (var ring in _rings)
        {
            ring.Compact(ResourceVersion);
        }
    }

    private void Publish(WatchEvent e)
    {
        Ring(e.Object.Kind).Add(e);
        Observer?.Invoke(e.Object);
        if (_signalTaken)
        {
            _signalTaken = false;
            var previous = _changed;
            _changed = NewSignal();
            previous.TrySetResult();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
