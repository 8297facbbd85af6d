using Federation.Grains;

namespace Federation.Hosting;

/// <summary>Samples each member's write count once a second and keeps the highest rate seen on any one member.</summary>
internal sealed class WriteRateSampler : IDisposable
{
    private readonly MemberClientPool _clients;
    private readonly Timer _timer;
    private Dictionary<string, long> _last;
    private long _peak;

    public WriteRateSampler(MemberClientPool clients)
    {
        _clients = clients;
        _last = clients.WriteCounts();
        _timer = new Timer(_ => Tick(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
    }

    public long Peak => Interlocked.Read(ref _peak);

    public void Dispose() => _timer.Dispose();

    private void Tick()
    {
        var now = _clients.WriteCounts();
        var highest = now.Max(kv => kv.Value - _last.GetValueOrDefault(kv.Key));
        _last = now;
        if (highest > Interlocked.Read(ref _peak))
        {
            Interlocked.Exchange(ref _peak, highest);
        }
    }
}
