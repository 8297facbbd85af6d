using Federation.Scheduling;

namespace Federation.Capacity;

/// <summary>
/// Capacity promised to placements and not yet in the members' own figures, kept per member as
/// one promise per application with a running sum, so asking "how much is promised on this
/// member" costs nothing however many applications the fleet holds. A promise ends when its
/// member reports figures taken at least <c>ttl</c> after the promise was made: by then the pods
/// it stood for are counted by the member itself. Age alone never ends one (a member that stopped
/// reporting would have its stale figures trusted).
/// </summary>
public sealed class CapacityLedger(TimeSpan ttl)
{
    private readonly Dictionary<string, Member> _members = new(StringComparer.Ordinal);

    /// <summary>The sum of the live promises on <paramref name="member"/>.</summary>
    public ResourceRequest Reserved(string member) =>
        _members.TryGetValue(member, out var m) ? new ResourceRequest(m.MilliCpu, m.MemoryBytes) { Pods = m.Pods } : ResourceRequest.None;

    /// <summary>Promises on <paramref name="member"/>, for tests and diagnostics.</summary>
    public int Count(string member) => _members.TryGetValue(member, out var m) ? m.Promises.Count : 0;

    /// <summary>Replaces <paramref name="application"/>'s promise on <paramref name="member"/>.</summary>
    public void Reserve(string member, string application, ResourceRequest amount, DateTimeOffset now)
    {
        if (!_members.TryGetValue(member, out var m))
        {
            _members[member] = m = new Member();
        }

        m.Remove(application);
        m.Add(application, new Promise(amount, now));
    }

    /// <summary>The member reported figures observed at <paramref name="observedAt"/>: promises old enough end.</summary>
    public void Observed(string member, DateTimeOffset observedAt)
    {
        if (_members.TryGetValue(member, out var m))
        {
            foreach (var app in m.Promises.Where(p => observedAt >= p.Value.Created + ttl).Select(p => p.Key).ToList())
            {
                m.Remove(app);
            }
        }
    }

    /// <summary>The application is gone: its promises end everywhere.</summary>
    public void Release(string application)
    {
        foreach (var m in _members.Values)
        {
            m.Remove(application);
        }
    }

    /// <summary>The member left the fleet: nothing is promised there any more.</summary>
    public void Forget(string member) => _members.Remove(member);

    private sealed record Promise(ResourceRequest Amount, DateTimeOffset Created);

    private sealed class Member
    {
        public Dictionary<string, Promise> Promises { get; } = new(StringComparer.Ordinal);

        public long MilliCpu { get; private set; }

        public long MemoryBytes { get; private set; }

        public long Pods { get; private set; }

        public void Add(string application, Promise promise)
        {
            Promises[application] = promise;
            MilliCpu += promise.Amount.MilliCpu;
            MemoryBytes += promise.Amount.MemoryBytes;
            Pods += promise.Amount.Pods;
        }

        public void Remove(string application)
        {
            if (Promises.Remove(application, out var old))
            {
                MilliCpu -= old.Amount.MilliCpu;
                MemoryBytes -= old.Amount.MemoryBytes;
                Pods -= old.Amount.Pods;
            }
        }
    }
}
