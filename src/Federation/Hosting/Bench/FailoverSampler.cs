namespace Federation.Hosting;

/// <summary>
/// Watches the applications that lost replicas with a member: what was ready on the surviving
/// members must never drop (and, once an application is whole again, never below its replicas),
/// and the replicas asked of the survivors never exceed replicas + step. Each sample looks again
/// at the applications whose Deployments changed on a survivor since the last one.
/// </summary>
internal sealed class FailoverSampler
{
    private readonly MemberReplicas _survivors;
    private readonly int _replicas;
    private readonly int _stepSize;
    private readonly Dictionary<string, int> _floor;
    private readonly HashSet<string> _notWhole;
    private readonly Dictionary<string, int> _lost = new(StringComparer.Ordinal);
    private readonly HashSet<string> _overSurge = new(StringComparer.Ordinal);
    private readonly List<string> _examples = [];

    public FailoverSampler(IReadOnlyList<string> applications, MemberReplicas survivors, int replicas, int stepSize)
    {
        _survivors = survivors;
        _replicas = replicas;
        _stepSize = stepSize;
        _floor = applications.ToDictionary(a => a, survivors.Ready, StringComparer.Ordinal);
        _notWhole = new HashSet<string>(applications, StringComparer.Ordinal);
        foreach (var app in applications)
        {
            Look(app);
        }
    }

    /// <summary>Ready replicas that went missing on the survivors, the worst moment of each application, summed.</summary>
    public int Lost => _lost.Values.Sum();

    /// <summary>Applications that were ever asked for more than replicas + step on the survivors.</summary>
    public int OverSurge => _overSurge.Count;

    /// <summary>The first few applications asked for too much, each with what every survivor was asked at that moment.</summary>
    public IReadOnlyList<string> OverSurgeExamples => _examples;

    /// <summary>Takes one sample; true when every application runs all its replicas on the survivors.</summary>
    public bool Sample()
    {
        foreach (var app in _survivors.Refresh())
        {
            if (_floor.ContainsKey(app))
            {
                Look(app);
            }
        }

        return _notWhole.Count == 0;
    }

    private void Look(string app)
    {
        var ready = 0;
        var asked = 0;
        for (var i = 0; i < _survivors.Members.Count; i++)
        {
            var (spec, readyOn) = _survivors.On(i, app);
            ready += readyOn;
            asked += spec;
        }

        var floor = _floor[app];
        if (ready < floor)
        {
            _lost[app] = Math.Max(_lost.GetValueOrDefault(app), floor - ready);
        }

        if (ready >= _replicas)
        {
            _floor[app] = _replicas;
            _notWhole.Remove(app);
        }
        else
        {
            _notWhole.Add(app);
        }

        if (asked > _replicas + _stepSize && _overSurge.Add(app) && _examples.Count < 5)
        {
            _examples.Add($"{app}: {asked} asked of the survivors ({string.Join(", ", _survivors.Members.Select((s, i) => $"{s.Name}={_survivors.On(i, app).Spec}/{_survivors.On(i, app).Ready} ready"))})");
        }
    }
}
