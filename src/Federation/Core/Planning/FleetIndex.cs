namespace Federation.Planning;

/// <summary>
/// The host's in-memory view of where applications are: each application's latest scheduling
/// inputs and placement, which members hold its replicas (placed or still applied), and which
/// applications wait for room. Rebuilt from the applications themselves after a restart (each
/// reconcile re-states its placement), so nothing here is persisted; it answers "whom does a
/// change to this member concern" without visiting the whole fleet.
/// </summary>
public sealed class FleetIndex
{
    private readonly Dictionary<string, FleetApplication> _applications = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _holding = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byMember = new(StringComparer.Ordinal);
    private readonly HashSet<string> _waiting = new(StringComparer.Ordinal);
    private readonly HashSet<string> _untilFleetKnown = new(StringComparer.Ordinal);

    public int Count => _applications.Count;

    public IEnumerable<FleetApplication> Applications => _applications.Values;

    public FleetApplication? Get(string application) => _applications.GetValueOrDefault(application);

    public bool IsWaiting(string application) => _waiting.Contains(application);

    /// <summary>Whether any application waits for room.</summary>
    public bool AnyWaiting => _waiting.Count > 0;

    /// <summary>
    /// Records an application's inputs and placement, the members that hold any of its replicas
    /// (a placement, or replicas still applied there), and whether it waits for room: a shortfall,
    /// or members it avoids (their replicas must go somewhere).
    /// </summary>
    public void Record(FleetApplication application, IEnumerable<string> holding, bool waiting)
    {
        _applications[application.Key] = application;
        SetHolding(application.Key, [.. holding.Concat(application.Current.Where(c => c.Value > 0).Select(c => c.Key))]);
        if (waiting)
        {
            _waiting.Add(application.Key);
        }
        else
        {
            _waiting.Remove(application.Key);
        }
    }

    /// <summary>
    /// Applications to reconcile once every member has reported: after a restart the host places
    /// nothing before that (it would take replicas from members merely not heard from yet), so the
    /// reconciles that rebuild the index, and any placement asked meanwhile, wait for that moment
    /// rather than each application's next resync.
    /// </summary>
    public void UntilFleetKnown(IEnumerable<string> applications) => _untilFleetKnown.UnionWith(applications);

    /// <summary>Whether any application waits for every member to have reported.</summary>
    public bool AnyUntilFleetKnown => _untilFleetKnown.Count > 0;

    /// <summary>The applications that waited for the fleet, once it is known; forgotten from here on.</summary>
    public IReadOnlyList<string> TakeUntilFleetKnown()
    {
        List<string> due = [.. _untilFleetKnown.Order(StringComparer.Ordinal)];
        _untilFleetKnown.Clear();
        return due;
    }

    public void Remove(string application)
    {
        _applications.Remove(application);
        _waiting.Remove(application);
        _untilFleetKnown.Remove(application);
        SetHolding(application, []);
    }

    /// <summary>Applications with replicas on <paramref name="member"/>, placed or applied.</summary>
    public IReadOnlyCollection<string> On(string member) =>
        _byMember.TryGetValue(member, out var apps) ? apps : [];

    /// <summary>Applications a change of <paramref name="kind"/> on <paramref name="member"/> concerns.</summary>
    public IReadOnlyCollection<string> AffectedBy(string member, MemberChange kind) => kind switch
    {
        MemberChange.None => [],
        MemberChange.Room => [.. _waiting],
        MemberChange.Unreachable => [.. On(member)],
        MemberChange.Eligibility => [.. On(member).Union(_waiting, StringComparer.Ordinal)],
        _ => [.. _applications.Keys],
    };

    private void SetHolding(string application, HashSet<string> members)
    {
        var before = _holding.GetValueOrDefault(application) ?? [];
        foreach (var gone in before.Except(members))
        {
            if (_byMember.TryGetValue(gone, out var apps) && apps.Remove(application) && apps.Count == 0)
            {
                _byMember.Remove(gone);
            }
        }

        foreach (var added in members.Except(before))
        {
            if (!_byMember.TryGetValue(added, out var apps))
            {
                _byMember[added] = apps = new HashSet<string>(StringComparer.Ordinal);
            }

            apps.Add(application);
        }

        if (members.Count == 0)
        {
            _holding.Remove(application);
        }
        else
        {
            _holding[application] = members;
        }
    }
}
