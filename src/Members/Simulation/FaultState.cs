namespace Federation.Members.Simulation;

/// <summary>Injected faults: the current outage (mode, auto-recovery) and added request latency.</summary>
internal sealed class FaultState(TimeProvider time) : IDisposable
{
    private readonly Lock _gate = new();
    private OutageMode? _mode;
    private TaskCompletionSource _recovered = NewSignal();
    private CancellationTokenSource _outageStarted = new();
    private readonly CancellationTokenSource _stopping = new();
    private ITimer? _autoRecover;

    public TimeSpan Latency { get; set; }

    public OutageMode? Mode
    {
        get
        {
            lock (_gate)
            {
                return _mode;
            }
        }
    }

    /// <summary>Cancelled when the simulator shuts down, so open watches end and the server stops at once.</summary>
    public CancellationToken Stopping => _stopping.Token;

    public void Shutdown()
    {
        _stopping.Cancel();
        Recover();
    }

    /// <summary>Cancelled when an outage begins, so open watches can drop or stall.</summary>
    public CancellationToken OutageStarted
    {
        get
        {
            lock (_gate)
            {
                return _outageStarted.Token;
            }
        }
    }

    public Task Recovered
    {
        get
        {
            lock (_gate)
            {
                return _recovered.Task;
            }
        }
    }

    public void SetOutage(OutageMode mode, TimeSpan? duration)
    {
        CancellationTokenSource started;
        lock (_gate)
        {
            _mode = mode;
            _autoRecover?.Dispose();
            _autoRecover = duration is { } d ? time.CreateTimer(_ => Recover(), null, d, Timeout.InfiniteTimeSpan) : null;
            started = _outageStarted;
        }

        started.Cancel();
    }

    public void Recover()
    {
        TaskCompletionSource recovered;
        lock (_gate)
        {
            if (_mode is null)
            {
                return;
            }

            _mode = null;
            _autoRecover?.Dispose();
            _autoRecover = null;
            recovered = _recovered;
            _recovered = NewSignal();
            _outageStarted.Dispose();
            _outageStarted = new CancellationTokenSource();
        }

        recovered.TrySetResult();
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _autoRecover?.Dispose();
            _outageStarted.Dispose();
            _recovered.TrySetResult();
            _stopping.Dispose();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
