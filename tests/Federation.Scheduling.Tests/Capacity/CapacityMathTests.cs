using Federation.Capacity;

namespace Federation.Scheduling.Tests.Capacity;

public sealed class CapacityMathTests
{
    public static TheoryData<string, NodeFree[], ResourceRequest, ResourceRequest, int> Cases => new()
    {
        { "two 4-core nodes, 1-core pods", [new(4000, 8L << 30), new(4000, 8L << 30)], new(1000, 1L << 30), ResourceRequest.None, 8 },
        { "pods cannot span nodes: 3 x 1.5 cores on 2 x 2 cores", [new(2000, 8L << 30), new(2000, 8L << 30)], new(1500, 1L << 30), ResourceRequest.None, 2 },
        { "memory is the scarcer resource", [new(8000, 2L << 30)], new(100, 1L << 30), ResourceRequest.None, 2 },
        { "reservations take whole pods off, rounded up", [new(4000, 8L << 30)], new(1000, 1L << 30), new(1500, 0), 2 },
        { "a pod that asks nothing is bounded by the pod limit", [new(1000, 1L << 30)], ResourceRequest.None, ResourceRequest.None, CapacityMath.PodsPerNode },
        { "no nodes, no room", [], new(100, 100), ResourceRequest.None, 0 },
        { "reservations beyond the free space leave zero, not less", [new(1000, 1L << 30)], new(500, 0), new(5000, 0), 0 },
        { "a node at its pod limit takes no more, whatever its CPU", [new(8000, 16L << 30, 0), new(8000, 16L << 30, 3)], new(10, 1L << 20), ResourceRequest.None, 3 },
        { "pods promised count against the slots, small as they are", [new(8000, 16L << 30, 5)], new(10, 1L << 20), new(20, 2L << 20) { Pods = 4 }, 1 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Pods_that_fit(string why, NodeFree[] nodes, ResourceRequest request, ResourceRequest reserved, int expected) =>
        Assert.True(expected == CapacityMath.PodsThatFit(nodes, request, reserved), why);

    [Theory]
    [InlineData(50, 100, 0.5)]
    [InlineData(150, 100, 1)]
    [InlineData(10, 0, 0)]
    public void Utilisation_is_a_clamped_share(long used, long total, double expected) =>
        Assert.Equal(expected, CapacityMath.Utilisation(used, total), 6);
}
