namespace Federation.Members.Simulation;

/// <summary>Objects of one kind, keyed by namespace then name, both in ordinal order like etcd keys.</summary>
internal sealed class ResourceTable
{
    private readonly SortedDictionary<string, SortedDictionary<string, StoredObject>> _byNamespace = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    public StoredObject? Get(string ns, string name) =>
        _byNamespace.TryGetValue(ns, out var names) && names.TryGetValue(name, out var obj) ? obj : null;

    public void Put(StoredObject obj)
    {
        if (!_byNamespace.TryGetValue(obj.Namespace, out var names))
        {
            names = new SortedDictionary<string, StoredObject>(StringComparer.Ordinal);
            _byNamespace[obj.Namespace] = names;
        }

        if (names.TryGetValue(obj.Name, out var previous))
        {
            previous.Superseded();
        }
        else
        {
            Count++;
        }

        names[obj.Name] = obj;
    }

    public bool Remove(string ns, string name)
    {
        if (!_byNamespace.TryGetValue(ns, out var names) || !names.Remove(name))
        {
            return false;
        }

        Count--;
        if (names.Count == 0)
        {
            _byNamespace.Remove(ns);
        }

        return true;
    }

    /// <summary>Copies references of the matching objects; one namespace, or all when <paramref name="ns"/> is null.</summary>
    public List<StoredObject> Snapshot(string? ns, Func<StoredObject, bool>? filter)
    {
        var result = new List<StoredObject>(ns is null ? Count : 16);
        if (ns is not null)
        {
            if (_byNamespace.TryGetValue(ns, out var names))
            {
                AddAll(names.Values, filter, result);
            }

            return result;
        }

        foreach (var names in _byNamespace.Values)
        {
            AddAll(names.Values, filter, result);
        }

        return result;
    }

    public IEnumerable<StoredObject> InNamespace(string ns) =>
        _byNamespace.TryGetValue(ns, out var names) ? names.Values : [];

    private static void AddAll(IEnumerable<StoredObject> values, Func<StoredObject, bool>? filter, List<StoredObject> result)
    {
        foreach (var obj in values)
        {
            if (filter is null || filter(obj))
            {
                result.Add(obj);
            }
        }
    }
}
