namespace Federation.Hosting;

/// <summary>The process's highest working set, sampled every 250 ms from creation until <see cref="Stop"/>.</summary>
internal sealed class PeakWorkingSet
{
    private readonly Timer _timer;
    private long _peak = Environment.WorkingSet;

    public PeakWorkingSet() => _timer = new Timer(_ => Sample(), null, TimeSpan.Zero, TimeSpan.FromMilliseconds(250));

    public long Peak => Interlocked.Read(ref _peak);

    public long Stop()
    {
        _timer.Dispose();
        Sample();
        return Peak;
    }

    private void Sample()
    {
        var now = Environment.WorkingSet;
        if (now > Interlocked.Read(ref _peak))
        {
            Interlocked.Exchange(ref _peak, now);
        }
    }
}
