using CsCheck;
using Federation.Scheduling;

namespace Federation.Scheduling.Tests.Scheduling.Properties;

/// <summary>
/// The answer changes only as much as the input did. Each property runs a request, carries out
/// its answer (<see cref="Runs.After"/>), changes one thing, and runs again.
/// </summary>
public class StabilityProperties
{
    private const int Iterations = 3000;

    [Fact]
    public void A_template_change_moves_nothing()
    {
        FleetGen.Requests(FleetGen.AnyStrategy).Sample(request =>
        {
            var first = ReplicaScheduler.Schedule(request);

            var again = ReplicaScheduler.Schedule(Runs.After(request, first.Placement));

            Assert.Equal(Oracle.Show(first.Placement), Oracle.Show(again.Placement));
        }, iter: Iterations, print: Oracle.Describe);
    }

    [Fact]
    public void A_rebalance_settles_in_one_step()
    {
        FleetGen.Requests(FleetGen.AnyStrategy).Sample(request =>
        {
            var first = ReplicaScheduler.Schedule(request with { Rebalance = true });

            var again = ReplicaScheduler.Schedule(Runs.After(request, first.Placement) with { Rebalance = true });

            Assert.Equal(Oracle.Show(first.Placement), Oracle.Show(again.Placement));
        }, iter: Iterations, print: Oracle.Describe);
    }

    [Fact]
    public void Scaling_by_k_moves_only_k_replicas_and_raising_never_takes_one_away()
    {
        FleetGen.Requests(FleetGen.AnyStrategy).SelectMany(r => Gen.Int[0, 80].Select(to => (r, to))).Sample((request, to) =>
        {
            if (request.Policy.Bounds is { Count: > 0 } bounds)
            {
                to = Math.Max(to, request.Policy.Strategy == PlacementStrategy.Duplicated ? bounds.Values.Max(b => b.Min) : bounds.Values.Sum(b => b.Min));
            }

            var before = ReplicaScheduler.Schedule(request).Placement;

            var after = ReplicaScheduler.Schedule(Runs.After(request, before) with { Replicas = to }).Placement;

            var up = to >= request.Replicas;
            foreach (var name in before.Keys.Union(after.Keys))
            {
                var (x0, x1) = (before.GetValueOrDefault(name), after.GetValueOrDefault(name));
                Assert.True(up ? x1 >= x0 : x1 <= x0, $"{name}: {x0} -> {x1} scaling {request.Replicas} -> {to}");
            }

            // Each move is a replica added or removed, so the moves add up to the change in total.
            Assert.Equal(Math.Abs(after.Values.Sum() - before.Values.Sum()), Runs.Moved(before, after));
        }, iter: Iterations, print: x => $"to {x.Item2}: {Oracle.Describe(x.Item1)}");
    }

    [Fact]
    public void Raising_the_total_from_scratch_never_takes_a_replica_away()
    {
        FleetGen.Requests(Gen.OneOf(PlacementStrategy.Weighted, PlacementStrategy.Dynamic)).Sample(request =>
        {
            var empty = request with { Current = new Dictionary<string, int>() };
            var smaller = ReplicaScheduler.Schedule(empty).Placement;

            var larger = ReplicaScheduler.Schedule(empty with { Replicas = request.Replicas + 1 }).Placement;

            Assert.All(smaller, p => Assert.True(larger.GetValueOrDefault(p.Key) >= p.Value, $"{p.Key}: {p.Value} -> {larger.GetValueOrDefault(p.Key)}"));
        }, iter: Iterations, print: Oracle.Describe);
    }

    [Fact]
    public void Losing_a_member_moves_only_its_replicas_when_the_others_have_room()
    {
        var strategies = Gen.OneOf(PlacementStrategy.Weighted, PlacementStrategy.Dynamic, PlacementStrategy.Aggregated, PlacementStrategy.Priority);
        FleetGen.Requests(strategies).SelectMany(r => Gen.Int[0, r.Candidates.Count - 1].Select(k => (r, k))).Sample((request, k) =>
        {
            var before = ReplicaScheduler.Schedule(request);
            var carriedOut = Runs.After(request, before.Placement);
            var lost = carriedOut.Candidates[k];
            var candidates = carriedOut.Candidates.Select(c => c == lost ? c with { State = MemberState.NotReady, FailedOver = true } : c).ToList();

            var after = ReplicaScheduler.Schedule(carriedOut with { Candidates = candidates });

            if (after.Shortfall > before.Shortfall)
            {
                return; // the others lack room for what the lost member held
            }

            foreach (var (name, replicas) in before.Placement.Where(p => p.Key != lost.Name))
            {
                Assert.True(after.Placement.GetValueOrDefault(name) >= replicas, $"{name}: {replicas} -> {after.Placement.GetValueOrDefault(name)} when {lost.Name} was lost");
            }
        }, iter: Iterations, print: x => $"lose m{x.Item2}: {Oracle.Describe(x.Item1)}");
    }
}
