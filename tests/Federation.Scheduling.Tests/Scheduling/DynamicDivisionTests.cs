using Federation.Scheduling;
using static Federation.Scheduling.Tests.Scheduling.Fleet;

namespace Federation.Scheduling.Tests.Scheduling;

public class DynamicDivisionTests
{
    [Theory]
    [InlineData("replica 12, dynamic weight 18:12:6", 12, "a=18,b=12,c=6", "", "a=6,b=4,c=2")]
    [InlineData("replica 10, dynamic weight 10:5:1", 10, "a=10,b=5,c=1", "", "a=7,b=3")]
    [InlineData("replica 8 from a=5: room changed, nothing running moves", 8, "a=10,b=10", "a=5", "a=5,b=3")]
    [InlineData("replica 20 on room 8:6:4: the fleet holds 18", 20, "a=8,b=6,c=4", "", "a=8,b=6,c=4")]
    public void Dynamic_divides_by_the_room_each_member_has_for_the_pod(
        string @case, int replicas, string room, string current, string expected)
    {
        var candidates = Ints(room).Select(r => Ready(r.Key, r.Value));

        var result = ReplicaScheduler.Schedule(Request(replicas, Policy(PlacementStrategy.Dynamic), candidates, current));

        Assert.True(Show(result.Placement) == expected, $"{@case}: got {Show(result.Placement)}");
        Assert.Equal(replicas - result.Placement.Values.Sum(), result.Shortfall);
    }

    [Fact]
    public void Dynamic_estimates_room_from_free_cpu_and_memory_when_no_count_is_reported()
    {
        const long gib = 1L << 30;
        var pod = new ResourceRequest(500, gib);
        Candidate[] candidates =
        [
            new("a", Labels(null), MemberState.Ready, new MemberCapacity(2000, 8 * gib, 2)), // cpu: 4 pods
            new("b", Labels(null), MemberState.Ready, new MemberCapacity(8000, 1 * gib, 2)), // memory: 1 pod
        ];

        var result = ReplicaScheduler.Schedule(Request(6, Policy(PlacementStrategy.Dynamic), candidates, pod: pod));

        Assert.Equal("a=4,b=1", Show(result.Placement));
        Assert.Equal(1, result.Shortfall);
        Assert.Contains(result.Warnings, w => w.StartsWith("shortfall 1", StringComparison.Ordinal));
    }
}
