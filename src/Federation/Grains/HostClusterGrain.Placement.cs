using System.Diagnostics;
using Federation.Planning;
using Federation.Scheduling;

namespace Federation.Grains;

// Placement: schedule one application against the members' snapshots and the capacity ledger,
// with no await between reading the ledger and updating it, so placements cannot interleave.
public sealed partial class HostClusterGrain
{
    public Task<PlacementAnswer> PlaceAsync(FleetApplication ask, IReadOnlyList<string> holding)
    {
        var now = time.GetUtcNow();
        _applications.Add(ask.Key);
        if (!FleetKnown)
        {
            // After a restart the members have not all reported yet: placing now would take
            // replicas away from members that are merely not known yet. The index learns where
            // the application is all the same, and pokes it once they have.
            _index.Record(ask, holding, _index.IsWaiting(ask.Key));
            _index.UntilFleetKnown([ask.Key]);
            LossesMayHaveChanged();
            return Task.FromResult(new PlacementAnswer(false, ask.Current, 0, new Dictionary<string, string>(), Relevant(ask.Current.Keys, holding), _activation));
        }

        var started = Stopwatch.GetTimestamp();
        var candidates = new List<Candidate>(_members.Count);
        foreach (var m in _members.Values)
        {
            candidates.Add(Candidates.For(m.Member, ask, _ledger.Reserved(m.Name), now, _failoverHeld));
        }

        // A changed policy (weights, bounds, selection) moves running replicas to what it asks;
        // a scale or a template update never does.
        var result = ReplicaScheduler.Schedule(new SchedulingRequest(ask.Replicas, ask.Policy, ask.PodRequest, candidates, ask.Current) { Rebalance = ask.Rebalance, TieBreak = ask.Key });
        Observability.FederationMetrics.ObserveScheduling(Stopwatch.GetElapsedTime(started));
        Reserve(ask, result.Placement, now);

        // A member the application avoids is left out for that reason (the answer is the scheduler's own, unshared, otherwise).
        var excluded = ask.Avoid.Count == 0 ? result.Excluded : result.Excluded.ToDictionary(
            e => e.Key,
            e => ask.Avoid.TryGetValue(e.Key, out var why) ? why : e.Value,
            StringComparer.Ordinal);
        if (_index.Get(ask.Key) is not { } known || known.Replicas != ask.Replicas || !Placements.Same(known.Current, result.Placement))
        {
            LossesMayHaveChanged();
        }

        _index.Record(ask with { Current = result.Placement, Rebalance = false }, holding, waiting: result.Shortfall > 0 || ask.Avoid.Count > 0);
        return Task.FromResult(new PlacementAnswer(true, result.Placement, result.Shortfall, excluded, Relevant(result.Placement.Keys, holding), _activation));
    }

    /// <summary>Snapshots of the members an application's answer concerns, not the whole fleet's.</summary>
    private Dictionary<string, MemberSnapshot> Relevant(IEnumerable<string> placed, IEnumerable<string> holding)
    {
        var relevant = new Dictionary<string, MemberSnapshot>(StringComparer.Ordinal);
        foreach (var name in placed.Concat(holding))
        {
            if (!relevant.ContainsKey(name) && _members.TryGetValue(name, out var m))
            {
                relevant[name] = m;
            }
        }

        return relevant;
    }

    /// <summary>
    /// Holds the capacity a placement adds until the member has had time to report it as used.
    /// The application's current replicas count in full, so its own not-yet-scheduled ones must
    /// come off the free space; stale promises can only hold growth back, never shrink a placement.
    /// </summary>
    private void Reserve(FleetApplication ask, IReadOnlyDictionary<string, int> placement, DateTimeOffset now)
    {
        foreach (var (member, replicas) in placement)
        {
            var added = replicas - ask.Current.GetValueOrDefault(member);
            if (added > 0)
            {
                var pod = ask.PodRequestOn(member);
                _ledger.Reserve(member, ask.Key, new ResourceRequest(pod.MilliCpu * added, pod.MemoryBytes * added) { Pods = added }, now);
            }
        }
    }
}
