using System.Diagnostics;
using Federation.Grains;

namespace Federation.Hosting;

/// <summary>
/// Samples each member's write count about once a second and keeps the highest rate seen on any one
/// member, over the time that really passed between two samples (a busy thread pool runs the timer late).
/// </summary>
internal sealed class WriteRateSampler : IDisposable
{
    private readonly MemberClientPool _clients;
    private readonly Timer _timer;
    private readonly Stopwatch _since = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private Dictionary<string, long> _last;
    private double _peak;

    public WriteRateSampler(MemberClientPool clients)
    {
        _clients = clients;
        _last = clients.WriteCounts();
        _timer = new Timer(_ => Tick(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    /// <summary>Takes a last sample (the writes since the previous one) and returns the highest writes per second seen on one member, rounded.</summary>
    public long Finish()
    {
        Tick(final: true);
        lock (_gate)
        {
            return (long)Math.Round(_peak);
        }
    }

    public void Dispose() => _timer.Dispose();

    private void Tick(bool final = false)
    {
        lock (_gate)
        {
            // A late timer runs its callbacks back to back: rates are taken over a second at least,
            // and the last writes (less than a second's worth) count as if they took one.
            var seconds = _since.Elapsed.TotalSeconds;
            if (seconds < 1.0 && !final)
            {
                return;
            }

            _since.Restart();
            var now = _clients.WriteCounts();
            var highest = now.Count == 0 ? 0 : now.Max(kv => kv.Value - _last.GetValueOrDefault(kv.Key));
            _last = now;
            _peak = Math.Max(_peak, highest / Math.Max(seconds, 1.0));
        }
    }
}
