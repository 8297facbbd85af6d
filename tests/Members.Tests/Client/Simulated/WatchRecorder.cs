using Federation.Members.Client;

namespace Federation.Members.Tests.Client.Simulated;

/// <summary>
/// Consumes a member watch in the background, keeps every event, and folds them into the state the
/// watcher believes the member has (a Resync replaces it wholesale).
/// </summary>
internal sealed class WatchRecorder : IAsyncDisposable
{
    private readonly Lock _gate = new();
    private readonly List<DeploymentEvent> _events = [];
    private readonly Dictionary<string, DeploymentStatus> _state = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Exception? _failure;

    public WatchRecorder(IAsyncEnumerable<DeploymentEvent> watch) => _pump = Task.Run(() => PumpAsync(watch));

    public IReadOnlyList<DeploymentEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    public IReadOnlyDictionary<string, DeploymentStatus> State
    {
        get
        {
            lock (_gate)
            {
                return new Dictionary<string, DeploymentStatus>(_state);
            }
        }
    }

    /// <summary>Waits (without polling) until the recorded events satisfy <paramref name="done"/>.</summary>
    public async Task WaitFor(Func<IReadOnlyList<DeploymentEvent>, bool> done, string what, TimeSpan? timeout = null)
    {
        using var deadline = new CancellationTokenSource(timeout ?? Eventually.DefaultTimeout);
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                if (_failure is not null)
                {
                    Assert.Fail($"the watch failed while waiting for {what}: {_failure}");
                }

                if (done(_events))
                {
                    return;
                }

                changed = _changed.Task;
            }

            try
            {
                await changed.WaitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"{what}: not observed in time; events: {string.Join(" | ", Events.Select(Describe))}");
            }
        }
    }

    public static string Describe(DeploymentEvent e) => e.Type == DeploymentEventType.Resync
        ? $"Resync[{string.Join(",", e.Snapshot!.Select(d => $"{d.Name}={d.DesiredReplicas}"))}]"
        : $"{e.Type} {e.Deployment!.Name}={e.Deployment.DesiredReplicas}/ready {e.Deployment.ReadyReplicas}";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _pump;
        }
        catch (OperationCanceledException)
        {
            // Stopping is what was asked for.
        }

        _stop.Dispose();
    }

    private async Task PumpAsync(IAsyncEnumerable<DeploymentEvent> watch)
    {
        try
        {
            await foreach (var e in watch.WithCancellation(_stop.Token))
            {
                lock (_gate)
                {
                    _events.Add(e);
                    Fold(e);
                    Signal();
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            lock (_gate)
            {
                _failure = e;
                Signal();
            }
        }
    }

    private void Fold(DeploymentEvent e)
    {
        switch (e.Type)
        {
            case DeploymentEventType.Resync:
                _state.Clear();
                foreach (var d in e.Snapshot!)
                {
                    _state[$"{d.Namespace}/{d.Name}"] = d;
                }

                break;
            case DeploymentEventType.Deleted:
                _state.Remove($"{e.Deployment!.Namespace}/{e.Deployment.Name}");
                break;
            default:
                _state[$"{e.Deployment!.Namespace}/{e.Deployment.Name}"] = e.Deployment;
                break;
        }
    }

    private void Signal()
    {
        var previous = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        previous.TrySetResult();
    }
}
