using CsCheck;
using Federation.Scheduling;

namespace Federation.Scheduling.Tests.Scheduling.Properties;

/// <summary>
/// Weighted keeps members within one replica of their proportional share: at least the share
/// rounded down, at most the share rounded up (quota). The share is bounded by the member's
/// limits (capacity, max, min; a member that takes no new replicas by what it keeps), which in a
/// fleet of Ready members with room is plainly replicas × weight / Σ weights. What is guaranteed:
/// - from an empty placement, always;
/// - from any placement, when the request asks to rebalance;
/// - from any placement without a rebalance, that nobody is pushed away from its share: a member
///   that gains ends at most at its share rounded up, one that loses at least at its share
///   rounded down, and while some member stays below its share rounded down the others gain
///   nothing beyond theirs (and the mirror image for removals).
/// </summary>
public class WeightedShareProperties
{
    private const int Iterations = 3000;

    private static readonly Gen<(int Replicas, int[] Weights, int[] Current)> Plain = Gen.Int[1, 12].SelectMany(n =>
        Gen.Select(Gen.Int[0, 300], Gen.Int[0, 100].Array[n], Gen.Int[0, 40].Array[n], (r, w, c) => (r, w, c)));

    [Fact]
    public void From_empty_each_member_gets_its_share_rounded_down_or_up()
    {
        Plain.Sample((replicas, weights, _) => AssertPlainShares(replicas, weights, new int[weights.Length], rebalance: false), iter: Iterations);
    }

    [Fact]
    public void A_rebalance_from_any_placement_ends_within_one_replica_of_each_share()
    {
        Plain.Sample((replicas, weights, current) => AssertPlainShares(replicas, weights, current, rebalance: true), iter: Iterations);
    }

    [Fact]
    public void With_limits_and_states_each_member_ends_within_one_of_its_bounded_share()
    {
        FleetGen.Requests(Gen.Const(PlacementStrategy.Weighted), spread: false).SelectMany(r => Gen.Bool.Select(fresh => (r, fresh))).Sample((request, fresh) =>
        {
            // From scratch, or from any placement with a rebalance.
            var asked = fresh ? request with { Current = new Dictionary<string, int>() } : request with { Rebalance = true };

            var result = ReplicaScheduler.Schedule(asked);

            // A member that takes no new replicas is bounded by what it keeps: the answer's own count.
            var limits = Oracle.For(asked).Where(m => m.Holds).ToList();
            var (shares, _) = Oracle.Shares(limits.Select(m => (m.Weight, m.Lo, m.TakesNew ? m.Hi : result.Placement.GetValueOrDefault(m.Name))).ToList(), asked.Replicas);
            for (var i = 0; i < limits.Count; i++)
            {
                var x = result.Placement.GetValueOrDefault(limits[i].Name);
                Assert.True(shares[i].Floor <= x && x <= shares[i].Ceiling, $"{limits[i].Name} got {x} for a share of {shares[i]}");
            }
        }, iter: Iterations, print: x => $"{(x.Item2 ? "from empty" : "rebalance")}: {Oracle.Describe(x.Item1)}");
    }

    [Fact]
    public void Without_a_rebalance_no_member_is_pushed_away_from_its_share()
    {
        FleetGen.Requests(Gen.Const(PlacementStrategy.Weighted), spread: false).Sample(request =>
        {
            var result = ReplicaScheduler.Schedule(request);

            var limits = Oracle.For(request).Where(m => m.Holds).ToList();
            var (shares, _) = Oracle.Shares(limits.Select(m => (m.Weight, m.Lo, m.Hi)).ToList(), request.Replicas);
            var ends = limits.Select((m, i) => (m.Name, Before: Math.Clamp(m.Current, m.Lo, m.Hi), After: result.Placement.GetValueOrDefault(m.Name), Share: shares[i])).ToList();
            foreach (var m in ends)
            {
                Assert.True(m.After <= m.Before || m.After <= m.Share.Ceiling, $"{m.Name} gained to {m.After}, above its share {m.Share}");
                Assert.True(m.After >= m.Before || m.After >= m.Share.Floor, $"{m.Name} lost down to {m.After}, below its share {m.Share}");
            }

            if (ends.Any(m => m.After < m.Share.Floor))
            {
                Assert.All(ends.Where(m => m.After > m.Before), m => Assert.True(m.After <= m.Share.Floor, $"{m.Name} gained beyond its share while another stays below"));
            }

            if (ends.Any(m => m.After > m.Share.Ceiling))
            {
                Assert.All(ends.Where(m => m.After < m.Before), m => Assert.True(m.After >= m.Share.Ceiling, $"{m.Name} lost below its share while another stays above"));
            }
        }, iter: Iterations, print: Oracle.Describe);
    }

    [Fact]
    public void Weights_100_1_1_1_at_50_keep_the_large_member_within_its_share_of_48_5()
    {
        // Webster's method gives the large member 50 here; the quota method 49.
        var result = Schedule(50, [100, 1, 1, 1], [0, 0, 0, 0], rebalance: false);

        Assert.Equal(49, result.Placement["m0"]);
    }

    private static void AssertPlainShares(int replicas, int[] weights, int[] current, bool rebalance)
    {
        if (weights.All(w => w == 0))
        {
            weights[0] = 1;
        }

        var result = Schedule(replicas, weights, current, rebalance);

        var total = weights.Sum();
        for (var i = 0; i < weights.Length; i++)
        {
            // floor(share) <= x <= ceil(share) is |x - share| < 1; share = replicas * w / total, in integers.
            var x = (long)result.Placement.GetValueOrDefault($"m{i}");
            var share = (long)replicas * weights[i];
            Assert.True(x * total > share - total && x * total < share + total,
                $"m{i} got {x} for a share of {(double)share / total:0.###} (weights {string.Join(":", weights)}, replicas {replicas}, from {string.Join(",", current)})");
        }

        Assert.Equal(replicas, result.Placement.Values.Sum());
    }

    private static SchedulingResult Schedule(int replicas, int[] weights, int[] current, bool rebalance)
    {
        var names = weights.Select((_, i) => $"m{i}").ToArray();
        var candidates = names.Select(n => new Candidate(n, new Dictionary<string, string>(), MemberState.Ready, MemberCapacity.Unlimited)).ToList();
        var policy = new PlacementPolicy(PlacementStrategy.Weighted, Weights: names.Select((n, i) => (n, weights[i])).ToDictionary(x => x.n, x => x.Item2));
        var currentMap = names.Select((n, i) => (n, current[i])).Where(x => x.Item2 > 0).ToDictionary(x => x.n, x => x.Item2);
        return ReplicaScheduler.Schedule(new SchedulingRequest(replicas, policy, ResourceRequest.None, candidates, currentMap) { Rebalance = rebalance });
    }
}
