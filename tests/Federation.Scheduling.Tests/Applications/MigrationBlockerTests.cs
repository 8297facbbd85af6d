using CsCheck;
using Federation.Applications;
using Federation.Capacity;
using Federation.Planning;

namespace Federation.Scheduling.Tests.Applications;

public sealed class MigrationBlockerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private const long Gi = 1L << 30;

    public static TheoryData<string, string, string, string, string?, string?, string?> Cases => new()
    {
        // case, pod request "cpu/memory", placement before, members ("name State freeCpu:freeMemGi ..." per node, 4 CPU / 8Gi nodes), reason, message, unblock
        {
            "drain of a full fleet: waits for capacity, with the numbers",
            "2500/1", "east=3", "east Draining 0:8 0:8; west Ready 1500:6 1000:6; central Ready 1200:6 800:6",
            "WaitingForCapacity", "3 replica(s) need 2500m CPU each; no Ready member has room; largest free: west 1500m",
            "add 3 node(s) like central's (4 CPU, 8Gi memory)"
        },
        {
            "one moved, two wait: only the two are blocked",
            "2500/1", "east=2,west=1", "east Draining 0:8 0:8; west Ready 500:6 1000:6; central Ready 1200:6 800:6",
            "WaitingForCapacity", "2 replica(s) need 2500m CPU each; no Ready member has room; largest free: central 1200m",
            "add 2 node(s) like central's (4 CPU, 8Gi memory)"
        },
        {
            "memory is the scarce resource",
            "100/4", "east=2", "east Draining 0:0; west Ready 3000:1 3000:2",
            "WaitingForCapacity", "2 replica(s) need 4Gi memory each; no Ready member has room; largest free: west 2Gi",
            "add 1 node(s) like west's (4 CPU, 8Gi memory)"
        },
        {
            "nodes too small for one pod: no number of such nodes helps",
            "6000/1", "east=1", "east Draining 0:8; west Ready 4000:8",
            "WaitingForCapacity", "1 replica(s) need 6 CPU each; no Ready member has room; largest free: west 4",
            "add nodes of at least 6 CPU and 1Gi memory: no member's nodes can hold one replica"
        },
        {
            "every other member cordoned: no eligible member",
            "100/1", "east=2", "east Draining 4000:8; west Cordoned 4000:8",
            "NoEligibleMember", "2 replica(s) have no Ready member to go to (east: draining: replicas move away; west: cordoned: takes no new replicas)",
            "uncordon or join a member the placement selects"
        },
        { "room elsewhere: migrating, not blocked", "100/1", "east=3", "east Draining 0:8; west Ready 4000:8", null, null, null },
        { "nothing on a member it leaves: not blocked", "2500/1", "west=1", "west Ready 1500:6", null, null, null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Says_why_replicas_cannot_leave(string _, string request, string before, string members, string? reason, string? message, string? unblock)
    {
        var blocker = MigrationBlocker.Explain(Situation(request, before, members));

        Assert.Equal((reason, message, unblock), (blocker?.Reason, blocker?.Message, blocker?.Unblock));
    }

    [Fact]
    public void A_suggestion_is_the_fewest_nodes_that_place_every_replica()
    {
        var gen = Gen.Select(Gen.Int[1, 8], Gen.Int[1, 40], Gen.Long[0, 4000].Array[1, 3], Gen.Long[0, 4000].Array[1, 3]);
        gen.Sample((replicas, cpuTenths, west, central) =>
        {
            var request = new ResourceRequest(cpuTenths * 100, Gi / 4);
            var members = new List<FleetMember> { Member("west", MemberState.Ready, west), Member("central", MemberState.Ready, central) };
            var app = new FleetApplication("shop/web", replicas, new PlacementPolicy(PlacementStrategy.Weighted), request, TimeSpan.FromMinutes(1), new Dictionary<string, int>(), new Dictionary<string, string>());
            var blockedNow = FleetPlanner.Evaluate(members, [app], Now).Applications[0].Shortfall > 0;
            if (!blockedNow || Unblocking.Find(app, members, members, Now) is not { } s)
            {
                return true;
            }

            return Unblocking.Shortfall(app, members, s.Member, s.Shape, s.Nodes, Now) == 0
                && members.All(m => Unblocking.Shortfall(app, members, m.Name, Unblocking.NodeShape(m)!, s.Nodes - 1, Now) > 0);
        });
    }

    private static BlockInput Situation(string request, string before, string members)
    {
        var cpuMem = request.Split('/');
        var pod = new ResourceRequest(long.Parse(cpuMem[0]), long.Parse(cpuMem[1]) * Gi);
        var current = before.Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1]), StringComparer.Ordinal);
        var fleet = members.Split(';', StringSplitOptions.TrimEntries).Select(Parse).ToList();
        var app = new FleetApplication("shop/web", current.Values.Sum(), new PlacementPolicy(PlacementStrategy.Weighted), pod, TimeSpan.FromMinutes(1), current, new Dictionary<string, string>());

        // The host's placement step, then what the application grain hands the blocker.
        var candidates = fleet.Select(m => Candidates.For(m, app, ResourceRequest.None, Now)).ToList();
        var result = ReplicaScheduler.Schedule(new SchedulingRequest(app.Replicas, app.Policy, pod, candidates, current));
        var held = current.Sum(c => Math.Max(0, c.Value - result.Placement.GetValueOrDefault(c.Key)));
        return new BlockInput(app with { Current = result.Placement }, held, result.Shortfall, fleet, result.Excluded, Now);
    }

    /// <summary>"west Ready 1500:6 1000:6": two 4-CPU/8Gi nodes with 1500m/6Gi and 1000m/6Gi free.</summary>
    private static FleetMember Parse(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var nodes = words.Skip(2).Select(w => w.Split(':')).Select(f => new NodeFree(long.Parse(f[0]), long.Parse(f[1]) * Gi)).ToList();
        return new FleetMember(words[0], new Dictionary<string, string>(), Enum.Parse<MemberState>(words[1]), null, null, nodes, true, 4000L * nodes.Count, 8 * Gi * nodes.Count);
    }

    private static FleetMember Member(string name, MemberState state, long[] freeCpu) =>
        new(name, new Dictionary<string, string>(), state, null, null, [.. freeCpu.Select(c => new NodeFree(c, 8 * Gi))], true, 4000L * freeCpu.Length, 8 * Gi * freeCpu.Length);
}
