using Federation.Members.Simulation;

namespace Federation.Hosting;

/// <summary>
/// What each simulated member runs of every application of the bench's namespace (spec and ready
/// replicas), kept up to date from the members' change windows, as a watch would: a refresh reads
/// what changed since the last one, not every Deployment of every member. Read whole each time,
/// ten members of 10,000 Deployments sampled five times a second took a sixth of the machine, the
/// members' locks, and the garbage collector's time, from the failover the bench measures.
/// </summary>
internal sealed class MemberReplicas
{
    private const string Namespace = "bench";
    private readonly IReadOnlyList<SimulatedMemberCluster> _members;
    private readonly Dictionary<string, (int Spec, int Ready)>[] _on;
    private readonly long[] _version;

    public MemberReplicas(IReadOnlyList<SimulatedMemberCluster> members)
    {
        _members = members;
        _on = new Dictionary<string, (int Spec, int Ready)>[members.Count];
        _version = new long[members.Count];
        for (var i = 0; i < members.Count; i++)
        {
            ReadWhole(i);
        }
    }

    public IReadOnlyList<SimulatedMemberCluster> Members => _members;

    /// <summary>Reads every member's changes since the last refresh; returns the applications that changed on any of them.</summary>
    public HashSet<string> Refresh()
    {
        var changed = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < _members.Count; i++)
        {
            if (_members[i].DeploymentChanges(Namespace, _version[i]) is not { } changes)
            {
                // The member's window no longer reaches back to the last refresh: read it whole again.
                changed.UnionWith(_on[i].Keys);
                ReadWhole(i);
                changed.UnionWith(_on[i].Keys);
                continue;
            }

            foreach (var (name, spec, ready) in changes.Changes)
            {
                _on[i][name] = (spec, ready);
                changed.Add(name);
            }

            _version[i] = changes.Version;
        }

        return changed;
    }

    /// <summary>An application's spec and ready replicas on the <paramref name="member"/>th member, as of the last refresh.</summary>
    public (int Spec, int Ready) On(int member, string application) => _on[member].GetValueOrDefault(application);

    /// <summary>An application's ready replicas on all the members, as of the last refresh.</summary>
    public int Ready(string application)
    {
        var ready = 0;
        for (var i = 0; i < _on.Length; i++)
        {
            ready += _on[i].GetValueOrDefault(application).Ready;
        }

        return ready;
    }

    private void ReadWhole(int member)
    {
        var (replicas, version) = _members[member].DeploymentReplicas(Namespace);
        _on[member] = new Dictionary<string, (int Spec, int Ready)>(replicas, StringComparer.Ordinal);
        _version[member] = version;
    }
}
