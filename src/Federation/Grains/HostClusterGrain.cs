using Federation.Capacity;
using Federation.Planning;
using Microsoft.Extensions.Options;

namespace Federation.Grains;

/// <summary>
/// The fleet (singleton): the registry of members, every member's latest snapshot, an in-memory
/// index of where applications are, and the capacity ledger. It places applications one at a
/// time, so two cannot both take the last free space of a member. Placements live with their
/// applications; the index is rebuilt from them after a restart. It never awaits another grain
/// once active, so grains that call it cannot deadlock with it; it only pokes applications one-way.
/// </summary>
public sealed partial class HostClusterGrain(
    [PersistentState("host", "state")] IPersistentState<HostClusterState> state,
    IOptions<FederationOptions> options,
    ReconcileGate gate,
    TimeProvider time,
    ILogger<HostClusterGrain> logger) : Grain, IHostClusterGrain
{
    public const string Key = "fleet";

    private readonly Dictionary<string, MemberSnapshot> _members = new(StringComparer.Ordinal);
    private readonly HashSet<string> _applications = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<MemberWorkload>> _workloads = new(StringComparer.Ordinal);
    private readonly FleetIndex _index = new();

    /// <summary>Tells applications that this is a new activation, which has not had their reports yet.</summary>
    private readonly Guid _activation = Guid.NewGuid();
    private CapacityLedger _ledger = null!;

    /// <summary>Whether every application has re-stated its placement since this activation.</summary>
    private bool IndexComplete => _index.Count >= _applications.Count;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _ledger = new CapacityLedger(options.Value.ReservationTtl);
        await MoveOldRegistryAsync();
        foreach (var keys in await Task.WhenAll(ApplicationRegistryGrain.All(GrainFactory).Select(b => b.ListAsync())))
        {
            _applications.UnionWith(keys);
        }

        // The index is rebuilt by the applications themselves: each reconcile re-states its placement,
        // once every member has reported (woken now, not at the silo's next wake of the fleet).
        _index.UntilFleetKnown(_applications);
        foreach (var member in state.State.Members)
        {
            GrainFactory.GetGrain<IMemberClusterGrain>(member).WakeAsync().Ignore();
        }

        PokeIfFleetKnown();
        WatchLosses();
    }

    /// <summary>Whether every member has reported since this activation.</summary>
    private bool FleetKnown => state.State.Members.All(_members.ContainsKey);

    /// <summary>Once every member has reported, the applications that waited for it (checked at each report, so cheap until then).</summary>
    private void PokeIfFleetKnown()
    {
        if (_index.AnyUntilFleetKnown && FleetKnown)
        {
            Poke(_index.TakeUntilFleetKnown(), "fleet index rebuilt");
        }
    }

    public async Task AddMemberAsync(string name)
    {
        if (state.State.Members.Add(name))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task RemoveMemberAsync(string name)
    {
        _members.Remove(name);
        _ledger.Forget(name);
        LossesMayHaveChanged();
        CountMembers();
        CheckFailoverHold();
        if (state.State.Members.Remove(name))
        {
            await state.WriteStateAsync();
        }

        Poke(_index.AffectedBy(name, MemberChange.Eligibility), $"member {name} unjoined");
        PokeIfFleetKnown();
    }

    public Task<bool> UpdateMemberAsync(MemberSnapshot snapshot, bool notifyApplications)
    {
        if (!state.State.Members.Contains(snapshot.Name))
        {
            return Task.FromResult(false);
        }

        var before = _members.GetValueOrDefault(snapshot.Name);
        _members[snapshot.Name] = snapshot;
        PokeIfFleetKnown();
        if (SurvivabilityWatch.Changes(before?.Member, snapshot.Member))
        {
            LossesMayHaveChanged();
        }

        // Promises end only once the member's own figures are newer than them, not at every probe.
        _ledger.Observed(snapshot.Name, snapshot.CapacityAt);
        CountMembers();
        CheckFailoverHold();
        if (notifyApplications)
        {
            var change = before is null && !IndexComplete
                // First report since this activation: the index rebuild pokes everyone anyway.
                ? MemberChange.None
                : MemberChanges.Between(before?.Member, before?.ObservedAt ?? default, snapshot.Member, snapshot.ObservedAt);
            if (change == MemberChange.Unreachable)
            {
                Tell(_index.AffectedBy(snapshot.Name, change), snapshot);
            }
            else
            {
                Poke(_index.AffectedBy(snapshot.Name, change), $"member {snapshot.Name} changed");
            }
        }

        return Task.FromResult(CapacityReads.Wanted(_ledger.Count(snapshot.Name), _index.AnyWaiting, IndexComplete));
    }

    public Task AddApplicationAsync(string key)
    {
        _applications.Add(key);
        return Task.CompletedTask;
    }

    public Task RemoveApplicationAsync(string key)
    {
        _applications.Remove(key);
        _workloads.Remove(key);
        _ledger.Release(key);
        LossesMayHaveChanged();
        var waiting = _index.AffectedBy(string.Empty, MemberChange.Room);
        _index.Remove(key);
        Poke(waiting.Where(a => a != key), $"application {key} removed");
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListApplicationsAsync() => Task.FromResult<IReadOnlyList<string>>([.. _applications.Order(StringComparer.Ordinal)]);

    public Task ReportAsync(string application, IReadOnlyList<MemberWorkload> workloads)
    {
        _workloads[application] = workloads;
        if (_index.Get(application) is { } known)
        {
            _index.Record(known, workloads.Where(w => w.Applied > 0).Select(w => w.Member), _index.IsWaiting(application));
        }

        return Task.CompletedTask;
    }

    private void CountMembers() => Observability.FederationMetrics.SetMemberCounts(
        _members.Values.GroupBy(m => m.Member.State.ToString()).ToDictionary(g => g.Key, g => g.Count()));

    private void Poke(IEnumerable<string> applications, string reason)
    {
        var sentAt = time.GetUtcNow();
        foreach (var app in applications)
        {
            _ = GrainFactory.GetGrain<IApplicationGrain>(app).PokeAsync(reason, sentAt);
        }
    }

    /// <summary>Tells the applications on a member that it stopped answering; they wake at their failoverAfter.</summary>
    private void Tell(IEnumerable<string> applications, MemberSnapshot unreachable)
    {
        foreach (var app in applications)
        {
            _ = GrainFactory.GetGrain<IApplicationGrain>(app).UnreachableAsync(unreachable);
        }
    }

    /// <summary>State written before placements moved to the applications held every key in one record: move them to the registry once.</summary>
    private async Task MoveOldRegistryAsync()
    {
        if (state.State.Applications.Count == 0 && state.State.Placements.Count == 0)
        {
            return;
        }

        await Task.WhenAll(state.State.Applications.Select(a => ApplicationRegistryGrain.For(GrainFactory, a).AddAsync(a)));
        state.State.Applications.Clear();
        state.State.Placements.Clear();
        await state.WriteStateAsync();
    }
}
