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

    [Theory]
    [InlineData("capacity read, answering: its room decides", true, false, 8, null)]
    [InlineData("capacity not read yet: no growth, and that is the reason", false, false, 0, "capacity not read yet: takes no new replicas until it is")]
    [InlineData("not answering: no growth, and that is the reason", true, true, 0, "unreachable: takes no new replicas until it answers")]
    [InlineData("neither read nor answering: unreachable is the reason", false, true, 0, "unreachable: takes no new replicas until it answers")]
    public void A_member_whose_room_cannot_be_known_takes_nothing_new_and_says_why(string scenario, bool capacityKnown, bool unreachable, int available, string? reason)
    {
        var member = Member("east") with { CapacityKnown = capacityKnown, UnreachableSince = unreachable ? Now.AddSeconds(-5) : null };
        var app = new FleetApplication("shop/web", 4, new PlacementPolicy(PlacementStrategy.Weighted), new ResourceRequest(500, 256L << 20),
            TimeSpan.FromMinutes(5), new Dictionary<string, int>(), new Dictionary<string, string>());

        var candidate = Candidates.For(member, app, ResourceRequest.None, Now);
        var placed = ReplicaScheduler.Schedule(new SchedulingRequest(4, app.Policy, app.PodRequest, [candidate], app.Current));

        Assert.True(candidate.Capacity.AvailableReplicas == available, $"{scenario}: {candidate.Capacity.AvailableReplicas} pods fit, expected {available}");
        Assert.Equal(reason, candidate.NoGrowth);
        Assert.Equal(reason, placed.Excluded.GetValueOrDefault("east"));
    }
}
