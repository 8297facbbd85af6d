using Federation.Capacity;
using Federation.Planning;

namespace Federation.Scheduling.Tests.Planning;

public sealed class CandidatesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    private static FleetMember Member(string name) =>
        new(name, new Dictionary<string, string>(), MemberState.Ready, null, null, [new NodeFree(4000, 8L << 30)], true, 4000, 8L << 30);

    [Theory]
    [InlineData("no override: the template's request everywhere", "east", 8)]
    [InlineData("a resources override doubles the request on west only", "west", 4)]
    public void Capacity_counts_what_a_pod_requests_on_that_member(string scenario, string member, int expected)
    {
        var app = new FleetApplication("shop/web", 4, new PlacementPolicy(PlacementStrategy.Weighted), new ResourceRequest(500, 256L << 20),
            TimeSpan.FromSeconds(30), new Dictionary<string, int>(), new Dictionary<string, string>())
        {
            MemberPodRequests = new Dictionary<string, ResourceRequest> { ["west"] = new(1000, 256L << 20) },
        };

        var candidate = Candidates.For(Member(member), app, ResourceRequest.None, Now);

        Assert.True(candidate.Capacity.AvailableReplicas == expected, $"{scenario}: {candidate.Capacity.AvailableReplicas} pods fit, expected {expected}");
    }
}
