using Federation.Members.Simulation;

namespace Federation.Hosting;

/// <summary>
/// Watches the applications that lost replicas with a member: what was ready on the surviving
/// members must never drop (and, once an application is whole again, never below its replicas),
/// and the replicas asked of the survivors never exceed replicas + step.
/// </summary>
internal sealed class FailoverSampler(IReadOnlyList<string> applications, IReadOnlyList<SimulatedMemberCluster> survivors, int replicas, int stepSize)
{
    private readonly Dictionary<string, int> _floor = applications.ToDictionary(
        a => a, a => survivors.Sum(s => s.ReadyReplicas("bench", a)), StringComparer.Ordinal);

    private readonly Dictionary<string, int> _lost = new(StringComparer.Ordinal);
    private readonly HashSet<string> _overSurge = new(StringComparer.Ordinal);
    private readonly List<string> _examples = [];

    /// <summary>Ready replicas that went missing on the survivors, the worst moment of each application, summed.</summary>
    public int Lost => _lost.Values.Sum();

    /// <summary>Applications that were ever asked for more than replicas + step on the survivors.</summary>
    public int OverSurge => _overSurge.Count;

    /// <summary>The first few applications asked for too much, each with what every survivor was asked at that moment.</summary>
    public IReadOnlyList<string> OverSurgeExamples => _examples;

    /// <summary>Takes one sample; true when every application runs all its replicas on the survivors.</summary>
    public bool Sample()
    {
        // One read of each survivor per sample: 10,000 applications are 10,000 lookups, not 10,000 turns at its lock.
        var seen = survivors.Select(s => (s.Name, Replicas: s.DeploymentReplicas("bench"))).ToList();
        var whole = true;
        foreach (var app in applications)
        {
            var ready = 0;
            var asked = 0;
            foreach (var (_, replicasOn) in seen)
            {
                var (spec, readyOn) = replicasOn.GetValueOrDefault(app);
                ready += readyOn;
                asked += spec;
            }

            var floor = _floor[app];
            if (ready < floor)
            {
                _lost[app] = Math.Max(_lost.GetValueOrDefault(app), floor - ready);
            }

            if (ready >= replicas)
            {
                _floor[app] = replicas;
            }
            else
            {
                whole = false;
            }

            if (asked > replicas + stepSize && _overSurge.Add(app) && _examples.Count < 5)
            {
                _examples.Add($"{app}: {asked} asked of the survivors ({string.Join(", ", seen.Select(s => $"{s.Name}={s.Replicas.GetValueOrDefault(app).Spec}/{s.Replicas.GetValueOrDefault(app).Ready} ready"))})");
            }
        }

        return whole;
    }
}
