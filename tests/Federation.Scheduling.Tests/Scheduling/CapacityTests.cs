using Federation.Scheduling;

namespace Federation.Scheduling.Tests.Scheduling;

public class CapacityTests
{
    private const long Gib = 1L << 30;

    [Theory]
    [InlineData("a reported count wins and already counts what runs", 2000, 8, 1, 7, 3, 7)]
    [InlineData("a reported count below zero is none", 2000, 8, 1, -2, 3, 0)]
    [InlineData("cpu is scarcer: 2000m / 500m = 4, plus 3 running", 2000, 8, 1, null, 3, 7)]
    [InlineData("memory is scarcer: 2Gi / 1Gi = 2, plus 1 running", 8000, 2, 1, null, 1, 3)]
    [InlineData("partial pods do not count: 1900m / 500m = 3", 1900, 8, 1, null, 0, 3)]
    [InlineData("over-committed free cpu counts as none", -500, 8, 1, null, 2, 2)]
    [InlineData("no Ready node: nothing new, keeps what runs", 8000, 8, 0, null, 2, 2)]
    public void Room_for_the_pod(string @case, long freeMilliCpu, long freeGib, int nodes, int? reported, int current, int expected)
    {
        var capacity = new MemberCapacity(freeMilliCpu, freeGib * Gib, nodes, reported);

        var room = PodCapacity.Of(capacity, new ResourceRequest(500, Gib), current);

        Assert.True(room == expected, $"{@case}: got {room}");
    }

    [Theory]
    [InlineData("no cpu request: memory alone decides", 0, Gib, 8)]
    [InlineData("no memory request: cpu alone decides", 500, 0, 4)]
    [InlineData("no request at all: unbounded", 0, 0, int.MaxValue)]
    public void A_zero_request_is_not_bounded_by_that_resource(string @case, long milliCpu, long memoryBytes, int expected)
    {
        var room = PodCapacity.Of(new MemberCapacity(2000, 8 * Gib, 1), new ResourceRequest(milliCpu, memoryBytes), 0);

        Assert.True(room == expected, $"{@case}: got {room}");
    }

    [Fact]
    public void No_member_is_given_more_than_it_can_run()
    {
        Candidate[] candidates =
        [
            new("a", new Dictionary<string, string>(), MemberState.Ready, new MemberCapacity(1000, 64 * Gib, 1)),
            new("b", new Dictionary<string, string>(), MemberState.Ready, new MemberCapacity(64000, 64 * Gib, 4)),
        ];
        var request = new SchedulingRequest(10, new PlacementPolicy(PlacementStrategy.Weighted), new ResourceRequest(500, Gib), candidates, new Dictionary<string, int>());

        var result = ReplicaScheduler.Schedule(request);

        Assert.Equal(2, result.Placement["a"]);
        Assert.Equal(8, result.Placement["b"]);
    }
}
