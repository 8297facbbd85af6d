using CsCheck;
using Federation.Capacity;
using Federation.Membership;
using Federation.Planning;

namespace Federation.Scheduling.Tests.Members;

public sealed class ForgetPlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string, int, bool, bool, string> Cases => new()
    {
        // case, placement of shop/web (6 replicas, floor from the column), pods per member the others have room for, floor, accept shortfall, allowed, outcome
        { "room elsewhere: forgotten, all re-placed", "east=2,west=2,central=2", 6, false, true, "shop/web abandoned 2, placed 6" },
        { "full elsewhere: refused below the floor", "east=2,west=2,central=2", 0, false, false, "shop/web abandoned 2, placed 4" },
        { "full elsewhere, shortfall accepted: forgotten", "east=2,west=2,central=2", 0, true, true, "shop/web abandoned 2, placed 4" },
        { "room for one: still below the floor", "east=2,west=2,central=2", 1, false, false, "shop/web abandoned 2, placed 5" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Forgetting_a_member_keeps_every_floor_or_is_refused(string _, string placement, int room, bool accept, bool allowed, string outcome)
    {
        var current = placement.Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1]), StringComparer.Ordinal);
        var verdict = ForgetPlan.Decide(new ForgetInput(
            "east",
            [Member("east", 8), Member("west", room), Member("central", 0)],
            [App("shop/web", current), App("shop/other", new Dictionary<string, int> { ["central"] = 1 })],
            new Dictionary<string, int> { ["shop/web"] = current["east"] },
            new Dictionary<string, int> { ["shop/web"] = 6 },
            accept,
            Now));

        Assert.Equal(allowed, verdict.Allowed);
        Assert.Equal(outcome, string.Join("; ", verdict.Applications.Select(a => $"{a.Application} abandoned {a.Abandoned}, placed {a.Placed}")));
        Assert.Equal(allowed, verdict.Refusal is null);
        if (!allowed)
        {
            Assert.Contains("shop/web would have", verdict.Refusal, StringComparison.Ordinal);
            Assert.Contains("--accept-shortfall", verdict.Refusal, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Refused_exactly_when_an_application_would_fall_below_its_floor_and_that_is_not_accepted()
    {
        Gen.Select(Gen.Int[0, 6], Gen.Int[0, 6], Gen.Int[0, 12], Gen.Int[0, 6], Gen.Bool).Sample((onEast, onWest, room, maxUnavailable, accept) =>
        {
            var replicas = onEast + onWest;
            var current = new Dictionary<string, int> { ["east"] = onEast, ["west"] = onWest };
            var floor = Math.Max(0, replicas - maxUnavailable);
            var verdict = ForgetPlan.Decide(new ForgetInput(
                "east",
                [Member("east", 0), Member("west", room)],
                [App("shop/web", current)],
                new Dictionary<string, int> { ["shop/web"] = onEast },
                new Dictionary<string, int> { ["shop/web"] = floor },
                accept,
                Now));
            var web = verdict.Applications.Single();
            return web.Placed <= replicas && web.Placed >= Math.Min(replicas, onWest)
                && verdict.Allowed == (accept || web.Placed >= floor);
        });
    }

    private const long PodCpu = 500;

    /// <summary>A member with one node that has room for <paramref name="room"/> more pods of 500m.</summary>
    private static FleetMember Member(string name, int room) => new(
        name, new Dictionary<string, string>(), MemberState.Ready, name == "east" ? Now.AddMinutes(-5) : null, null,
        [new NodeFree(room * PodCpu, 64L << 30)], true, 64_000, 256L << 30);

    private static FleetApplication App(string key, Dictionary<string, int> current) => new(
        key, current.Values.Sum(), new PlacementPolicy(PlacementStrategy.Weighted), new ResourceRequest(PodCpu, 1L << 20),
        TimeSpan.FromMinutes(10), current, new Dictionary<string, string>());
}
