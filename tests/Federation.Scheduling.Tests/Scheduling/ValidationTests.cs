using Federation.Scheduling;
using static Federation.Scheduling.Tests.Scheduling.Fleet;

namespace Federation.Scheduling.Tests.Scheduling;

public class ValidationTests
{
    public static TheoryData<string, SchedulingRequest, string> Invalid => new()
    {
        { "negative replicas", Request(-1, Policy(PlacementStrategy.Weighted), ReadyMembers("a")), "request.Replicas" },
        { "negative weight", Request(3, Policy(PlacementStrategy.Weighted, "a=2,b=-1"), ReadyMembers("a", "b")), "request.Policy.Weights[b]" },
        { "all weights zero", Request(3, Policy(PlacementStrategy.Weighted, "a=0,b=0"), ReadyMembers("a", "b")), "request.Policy.Weights" },
        { "min above max", Request(3, Policy(PlacementStrategy.Weighted, bounds: "a=3..2"), ReadyMembers("a")), "request.Policy.Bounds[a]" },
        { "negative min", Request(3, Policy(PlacementStrategy.Weighted, bounds: "a=-1.."), ReadyMembers("a")), "request.Policy.Bounds[a].Min" },
        { "negative max", Request(3, Policy(PlacementStrategy.Weighted, bounds: "a=..-1"), ReadyMembers("a")), "request.Policy.Bounds[a].Max" },
        { "minimums above replicas", Request(3, Policy(PlacementStrategy.Weighted, bounds: "a=2..,b=2.."), ReadyMembers("a", "b")), "request.Policy.Bounds" },
        { "a Duplicated min above replicas", Request(3, Policy(PlacementStrategy.Duplicated, bounds: "a=4.."), ReadyMembers("a")), "request.Policy.Bounds[a].Min" },
        { "negative current replicas", Request(3, Policy(PlacementStrategy.Weighted), ReadyMembers("a"), "a=-2"), "request.Current[a]" },
        { "the same member twice", Request(3, Policy(PlacementStrategy.Weighted), ReadyMembers("a", "a")), "request.Candidates[1].Name" },
        { "negative cpu request", Request(3, Policy(PlacementStrategy.Weighted), ReadyMembers("a"), pod: new ResourceRequest(-1, 0)), "request.PodRequest.MilliCpu" },
        { "spread without a label", Request(3, new PlacementPolicy(PlacementStrategy.Weighted, Spread: new SpreadConstraint("", 2)), ReadyMembers("a")), "request.Policy.Spread.Label" },
        { "spread over negative groups", Request(3, new PlacementPolicy(PlacementStrategy.Weighted, Spread: new SpreadConstraint("zone", -1)), ReadyMembers("a")), "request.Policy.Spread.MinGroups" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Invalid_input_is_refused_naming_the_field(string @case, SchedulingRequest request, string field)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => ReplicaScheduler.Schedule(request));

        Assert.True(error.ParamName == field, $"{@case}: named {error.ParamName}");
        Assert.StartsWith(field, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_null_request_is_refused()
    {
        Assert.Throws<ArgumentNullException>(() => ReplicaScheduler.Schedule(null!));
    }

    [Fact]
    public void Weights_and_bounds_for_members_that_do_not_exist_are_not_errors()
    {
        var request = Request(4, Policy(PlacementStrategy.Weighted, "a=1,b=1,ghost=5", "ghost=1..2"), ReadyMembers("a", "b"));

        var result = ReplicaScheduler.Schedule(request);

        Assert.Equal("a=2,b=2", Show(result.Placement));
    }
}
