using System.Diagnostics;
using Federation.Planning;
using Federation.Hosting;
using Federation.Scheduling;
using Microsoft.Extensions.Options;

namespace Federation.Grains;

/// <summary>
/// The fleet (singleton). Knows every member's latest snapshot and every application's placement,
/// and places applications one at a time against a capacity ledger, so that two applications
/// cannot both take the last free space of a member. It never awaits another grain, so grains
/// that call it cannot deadlock with it; it only pokes applications one-way.
/// </summary>
public sealed class HostClusterGrain(
    [PersistentState("host", "state")] IPersistentState<HostClusterState> state,
    IOptions<FederationOptions> options,
    TimeProvider time) : Grain, IHostClusterGrain
{
    public const string Key = "fleet";

    private readonly Dictionary<string, MemberSnapshot> _members = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<MemberWorkload>> _workloads = new(StringComparer.Ordinal);
    private readonly List<Reservation> _reservations = [];

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
        CountMembers();
        if (state.State.Members.Remove(name))
        {
            await state.WriteStateAsync();
        }

        PokeAll($"member {name} unjoined");
    }

    public Task UpdateMemberAsync(MemberSnapshot snapshot, bool notifyApplications)
    {
        if (!state.State.Members.Contains(snapshot.Name))
        {
            return Task.CompletedTask;
        }

        _members[snapshot.Name] = snapshot;
        CountMembers();
        if (notifyApplications)
        {
            PokeAll($"member {snapshot.Name} changed");
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<string>> ListMembersAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Members]);

    public async Task AddApplicationAsync(string key)
    {
        if (state.State.Applications.Add(key))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task RemoveApplicationAsync(string key)
    {
        _workloads.Remove(key);
        _reservations.RemoveAll(r => r.Application == key);
        var removed = state.State.Applications.Remove(key) | state.State.Placements.Remove(key);
        if (removed)
        {
            await state.WriteStateAsync();
        }

        PokeAll($"application {key} removed");
    }

    public Task<IReadOnlyList<string>> ListApplicationsAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Applications]);

    public async Task<PlacementAnswer> PlaceAsync(FleetApplication ask)
    {
        var now = time.GetUtcNow();
        if (!state.State.Members.All(_members.ContainsKey))
        {
            // After a restart the members have not all reported yet: placing now would take
            // replicas away from members that are merely not known yet.
            return new PlacementAnswer(false, ask.Current, 0, new Dictionary<string, string>(), _members);
        }

        // Everything up to the ledger update runs without an await, so placements cannot interleave.
        // A reservation ends once its member has reported capacity taken well after it was made:
        // by then the pods it stood for are in the member's own figures. Age alone is not enough
        // (a member that stopped reporting would have its stale figures trusted).
        _reservations.RemoveAll(r => !_members.TryGetValue(r.Member, out var m) || m.ObservedAt >= r.Created + options.Value.ReservationTtl);
        var started = Stopwatch.GetTimestamp();
        var candidates = _members.Values.Select(m => Candidates.For(m.Member, ask, Reserved(m.Name), now)).ToList();
        // A changed policy (weights, bounds, selection) moves running replicas to what it asks;
        // a scale or a template update never does.
        var previous = state.State.Placements.GetValueOrDefault(ask.Key);
        var rebalance = previous is not null && PolicyJson(previous.Policy) != PolicyJson(ask.Policy);
        var result = ReplicaScheduler.Schedule(new SchedulingRequest(ask.Replicas, ask.Policy, ask.PodRequest, candidates, ask.Current) { Rebalance = rebalance });
        Observability.FederationMetrics.ObserveScheduling(Stopwatch.GetElapsedTime(started));
        Reserve(ask, result.Placement, now);

        var excluded = result.Excluded.ToDictionary(
            e => e.Key,
            e => ask.Avoid.TryGetValue(e.Key, out var why) ? why : e.Value,
            StringComparer.Ordinal);
        var placed = ask with { Current = result.Placement };
        state.State.Placements[ask.Key] = placed;
        if (previous is null || !SamePlacement(previous, placed))
        {
            await state.WriteStateAsync();
        }

        return new PlacementAnswer(true, result.Placement, result.Shortfall, excluded, _members);
    }

    public Task ReportAsync(string application, IReadOnlyList<MemberWorkload> workloads)
    {
        _workloads[application] = workloads;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ClusterWorkloadView>> GetWorkloadsAsync(string member)
    {
        var views = new List<ClusterWorkloadView>();
        foreach (var app in state.State.Applications)
        {
            var target = state.State.Placements.GetValueOrDefault(app)?.Current.GetValueOrDefault(member) ?? 0;
            var load = _workloads.GetValueOrDefault(app)?.FirstOrDefault(w => w.Member == member);
            if (target > 0 || load is { Applied: > 0 })
            {
                views.Add(new ClusterWorkloadView(app, target, load?.Applied ?? target, load?.Ready ?? 0, load?.Lost ?? 0, load?.Unknown ?? 0));
            }
        }

        return Task.FromResult<IReadOnlyList<ClusterWorkloadView>>(views);
    }

    public Task<FleetSnapshot> GetSnapshotAsync() => Task.FromResult(new FleetSnapshot(
        [.. _members.Values.OrderBy(m => m.Name, StringComparer.Ordinal)],
        [.. state.State.Placements.Values.OrderBy(p => p.Key, StringComparer.Ordinal)]));

    /// <summary>
    /// Capacity promised on a member and not yet in its figures — the application's own promises
    /// included: its current replicas count in full, so its own not-yet-scheduled ones must come
    /// off the free space. Stale promises can only hold growth back, never shrink a placement.
    /// </summary>
    private ResourceRequest Reserved(string member) => _reservations
        .Where(r => r.Member == member)
        .Aggregate(ResourceRequest.None, (sum, r) => new ResourceRequest(sum.MilliCpu + r.Amount.MilliCpu, sum.MemoryBytes + r.Amount.MemoryBytes));

    /// <summary>Holds the capacity a placement adds until the member has had time to report it as used.</summary>
    private void Reserve(FleetApplication ask, IReadOnlyDictionary<string, int> placement, DateTimeOffset now)
    {
        foreach (var (member, replicas) in placement)
        {
            var added = replicas - ask.Current.GetValueOrDefault(member);
            if (added > 0)
            {
                _reservations.RemoveAll(r => r.Member == member && r.Application == ask.Key);
                _reservations.Add(new Reservation(
                    member,
                    ask.Key,
                    new ResourceRequest(ask.PodRequest.MilliCpu * added, ask.PodRequest.MemoryBytes * added),
                    now));
            }
        }
    }

    private void CountMembers() => Observability.FederationMetrics.SetMemberCounts(
        _members.Values.GroupBy(m => m.Member.State.ToString()).ToDictionary(g => g.Key, g => g.Count()));

    private void PokeAll(string reason)
    {
        var sentAt = time.GetUtcNow();
        foreach (var app in state.State.Applications)
        {
            _ = GrainFactory.GetGrain<IApplicationGrain>(app).PokeAsync(reason, sentAt);
        }
    }

    private static bool SamePlacement(FleetApplication a, FleetApplication b) =>
        a.Replicas == b.Replicas && a.Current.Count == b.Current.Count
        && a.Current.All(kv => b.Current.TryGetValue(kv.Key, out var v) && v == kv.Value)
        && a.PodRequest == b.PodRequest && a.FailoverAfter == b.FailoverAfter
        && PolicyJson(a.Policy) == PolicyJson(b.Policy);

    private static string PolicyJson(PlacementPolicy policy) => System.Text.Json.JsonSerializer.Serialize(policy);

    private sealed record Reservation(string Member, string Application, ResourceRequest Amount, DateTimeOffset Created);
}
