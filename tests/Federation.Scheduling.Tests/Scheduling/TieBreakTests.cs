using static Federation.Scheduling.Tests.Scheduling.Fleet;

namespace Federation.Scheduling.Tests.Scheduling;

public sealed class TieBreakTests
{
    private static readonly Candidate[] TenMembers = ReadyMembers([.. Enumerable.Range(0, 10).Select(i => $"m{i}")]);

    [Fact]
    public void Without_a_tie_break_ties_go_to_the_first_names()
    {
        var result = ReplicaScheduler.Schedule(Request(3, Policy(PlacementStrategy.Weighted), TenMembers));

        Assert.Equal("m0=1,m1=1,m2=1", Show(result.Placement));
    }

    [Fact]
    public void A_fleet_of_applications_with_one_policy_spreads_over_every_member()
    {
        var perMember = new Dictionary<string, int>();
        for (var i = 0; i < 1000; i++)
        {
            var result = ReplicaScheduler.Schedule(Request(3, Policy(PlacementStrategy.Weighted), TenMembers) with { TieBreak = $"ns/app{i}" });
            foreach (var (member, replicas) in result.Placement)
            {
                perMember[member] = perMember.GetValueOrDefault(member) + replicas;
            }
        }

        // 3,000 replicas over 10 members: 300 each on average; a hash spreads them within a few tens.
        Assert.Equal(10, perMember.Count);
        Assert.All(perMember.Values, n => Assert.InRange(n, 240, 360));
    }

    [Theory]
    [InlineData("the same application gets the same members every time", "ns/web", "ns/web", true)]
    [InlineData("another application may get others", "ns/web", "ns/api", false)]
    public void A_tie_break_is_fixed_per_application(string why, string first, string second, bool same)
    {
        IReadOnlyDictionary<string, int> Placement(string key) => ReplicaScheduler.Schedule(Request(3, Policy(PlacementStrategy.Weighted), TenMembers) with { TieBreak = key }).Placement;

        Assert.True(same == (Show(Placement(first)) == Show(Placement(second))), why);
    }

    [Theory]
    [InlineData("scaling from a placement only adds", 5, "m7=1,m8=1,m9=1")]
    [InlineData("an unchanged placement stays", 3, "m7=1,m8=1,m9=1")]
    public void A_tie_break_never_moves_running_replicas(string why, int replicas, string current)
    {
        var result = ReplicaScheduler.Schedule(Request(replicas, Policy(PlacementStrategy.Weighted), TenMembers, current) with { TieBreak = "ns/web" });

        Assert.True(Ints(current).All(c => result.Placement.GetValueOrDefault(c.Key) >= c.Value), why);
        Assert.Equal(replicas, result.Placement.Values.Sum());
    }
}
