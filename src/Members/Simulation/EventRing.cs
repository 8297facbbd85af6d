namespace Federation.Members.Simulation;

/// <summary>
/// The retained window of events of one kind, oldest first, like the API server's watch cache.
/// A watch that starts before the window has lost events and gets 410 Gone.
/// </summary>
internal sealed class EventRing(int capacity)
{
    private readonly WatchEvent?[] _events = new WatchEvent?[capacity];
    private int _start;
    private int _count;

    /// <summary>The newest resourceVersion whose event is no longer retained.</summary>
    public long EvictedUpTo { get; private set; }

    public void Add(WatchEvent e)
    {
        if (_count == _events.Length)
        {
            EvictedUpTo = _events[_start]!.ResourceVersion;
            _events[_start] = e;
            _start = (_start + 1) % _events.Length;
            return;
        }

        _events[(_start + _count) % _events.Length] = e;
        _count++;
    }

    /// <summary>Forgets every retained event, as an etcd compaction at <paramref name="resourceVersion"/> would.</summary>
    public void Compact(long resourceVersion)
    {
        Array.Clear(_events);
        _start = 0;
        _count = 0;
        EvictedUpTo = Math.Max(EvictedUpTo, resourceVersion);
    }

    /// <summary>Events newer than <paramref name="resourceVersion"/>, filtered, appended to <paramref name="into"/>.</summary>
    public void After(long resourceVersion, Func<StoredObject, bool> filter, List<WatchEvent> into)
    {
        // Binary search for the first retained event newer than the cursor.
        int lo = 0, hi = _count;
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            if (At(mid).ResourceVersion <= resourceVersion)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        for (var i = lo; i < _count; i++)
        {
            var e = At(i);
            if (filter(e.Object))
            {
                into.Add(e);
            }
        }
    }

    private WatchEvent At(int index) => _events[(_start + index) % _events.Length]!;
}
