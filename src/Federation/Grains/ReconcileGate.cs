using Microsoft.Extensions.Options;

namespace Federation.Grains;

/// <summary>
/// Reconciles that no caller waits for — pokes, resyncs, timers, members' reports — run at most
/// <see cref="FederationOptions.ReconcileConcurrency"/> at once on a silo; the others wait their turn, in
/// order, in the gate's queue, which costs them no thread. Unbounded, a member lost under 10,000
/// applications started 10,000 reconciles at once: their work filled the thread pool's queue, and
/// everything else in the process waited behind it, the members' probes too, which timed out on
/// healthy members until the fleet-wide failover hold stopped the failover. A change made through the
/// API is not gated: its caller waits for it, and its work is one application's. When the host
/// stops, the reconciles still waiting are let go without a turn: they would only hold their grains
/// from deactivating, and address a host that is going.
/// </summary>
public sealed class ReconcileGate(IOptions<FederationOptions> options, IHostApplicationLifetime lifetime) : IDisposable
{
    private readonly SemaphoreSlim _slots = new(options.Value.ReconcileConcurrency);
    private int _waiting;

    /// <summary>Reconciles waiting for a turn on this silo.</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    /// <summary>Waits for a turn; disposing the returned turn hands it to the next in line. Null when the host is stopping.</summary>
    public async ValueTask<Turn?> EnterAsync()
    {
        if (!_slots.Wait(0))
        {
            Interlocked.Increment(ref _waiting);
            Observability.FederationMetrics.ReconcilesWaiting.Inc();
            try
            {
                await _slots.WaitAsync(lifetime.ApplicationStopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (lifetime.ApplicationStopping.IsCancellationRequested)
            {
                return null;
            }
            finally
            {
                Interlocked.Decrement(ref _waiting);
                Observability.FederationMetrics.ReconcilesWaiting.Dec();
            }
        }

        return new Turn(_slots);
    }

    public void Dispose() => _slots.Dispose();

    public readonly struct Turn(SemaphoreSlim slots) : IDisposable
    {
        public void Dispose() => slots?.Release();
    }
}
