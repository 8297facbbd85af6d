using CsCheck;
using Federation.Scheduling;

namespace Federation.Scheduling.Tests.Scheduling.Properties;

/// <summary>What holds for every request, strategy and fleet.</summary>
public class InvariantProperties
{
    private const int Iterations = 3000;

    [Fact]
    public void Placed_plus_shortfall_is_the_total()
    {
        FleetGen.Requests(FleetGen.AnyStrategy).Sample(request =>
        {
            var result = ReplicaScheduler.Schedule(request);

            var placed = result.Placement.Values.Sum();
            Assert.True(result.Shortfall >= 0);
            if (request.Policy.Strategy == PlacementStrategy.Duplicated)
            {
                // Duplicated: per member that should run a copy (Ready, or keeping some), what it lacks.
                var copies = Oracle.For(request).Count(m => m.Holds && (m.TakesNew || m.Current > 0));
                Assert.Equal(request.Replicas * copies, placed + result.Shortfall);
            }
            else
            {
                Assert.Equal(request.Replicas, placed + result.Shortfall);
            }
        }, iter: Iterations, print: Oracle.Describe);
    }

    [Fact]
    public void No_member_exceeds_its_capacity_or_max_nor_falls_below_its_min()
    {
        FleetGen.Requests(FleetGen.AnyStrategy).Sample(request =>
        {
            var result = ReplicaScheduler.Schedule(request);

            var limits = Oracle.For(request);
            Assert.All(result.Placement.Keys, name => Assert.Contains(limits, m => m.Name == name));
            foreach (var m in limits)
            {
                var x = result.Placement.GetValueOrDefault(m.Name);
                Assert.True(x <= m.Hi, $"{m.Name} got {x}, above its bound {m.Hi}");
                Assert.True(x >= m.Lo, $"{m.Name} got {x}, below its min {m.Lo}");
                Assert.True(x > 0 || result.Excluded.ContainsKey(m.Name), $"{m.Name} has no replicas and no reason");
            }
        }, iter: Iterations, print: Oracle.Describe);
    }

    [Fact]
    public void A_shortfall_means_every_member_that_could_take_more_is_full()
    {
        FleetGen.Requests(Gen.OneOf(PlacementStrategy.Weighted, PlacementStrategy.Dynamic, PlacementStrategy.Aggregated, PlacementStrategy.Priority)).Sample(request =>
        {
            var result = ReplicaScheduler.Schedule(request);

            if (result.Shortfall > 0)
            {
                var proportional = request.Policy.Strategy is PlacementStrategy.Weighted or PlacementStrategy.Dynamic;
                Assert.All(Oracle.For(request), m => Assert.Equal(
                    proportional && m.Weight <= 0 ? m.Lo : m.Hi,
                    result.Placement.GetValueOrDefault(m.Name)));
            }
        }, iter: Iterations, print: Oracle.Describe);
    }

    [Fact]
    public void Same_input_same_output_whatever_the_order_of_candidates()
    {
        FleetGen.Requests(FleetGen.AnyStrategy).SelectMany(r => Gen.Shuffle(r.Candidates.ToArray()).Select(s => (r, s))).Sample((request, shuffled) =>
        {
            var result = ReplicaScheduler.Schedule(request);
            var reordered = ReplicaScheduler.Schedule(request with
            {
                Candidates = shuffled,
                Current = request.Current.Reverse().ToDictionary(p => p.Key, p => p.Value),
            });

            Assert.Equal(Oracle.Show(result.Placement), Oracle.Show(reordered.Placement));
            Assert.Equal(Oracle.Show(result.Excluded), Oracle.Show(reordered.Excluded));
            Assert.Equal(result.Shortfall, reordered.Shortfall);
            Assert.Equal(result.Warnings, reordered.Warnings);
        }, iter: Iterations, print: x => Oracle.Describe(x.Item1));
    }
}
