using CsCheck;
using Federation.Capacity;
using Federation.Planning;

namespace Federation.Scheduling.Tests.Planning;

public sealed class SurvivabilityTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private const long PodCpu = 500;

    public static TheoryData<string, string, string, string, string> Cases => new()
    {
        // case, members (name:free pods:region), placement of shop/web, group by, losses worst first (group: unplaced)
        { "room everywhere: every loss survivable", "central:4:eu,east:4:us,west:4:us", "central=2,east=2,west=2", "member", "central: 0; east: 0; west: 0" },
        { "full fleet: every loss leaves its replicas unplaced", "central:0:eu,east:0:us,west:0:us", "central=2,east=3,west=1", "member", "east: 3; central: 2; west: 1" },
        { "room for some: only the biggest loss is short", "central:1:eu,east:1:us,west:1:us", "central=1,east=3,west=1", "member", "east: 1; central: 0; west: 0" },
        { "a member that holds nothing is lost harmlessly", "east:0:us,spare:0:us,west:0:us", "east=2,west=2", "member", "east: 2; west: 2; spare: 0" },
        { "by region: losing us leaves what eu cannot hold", "central:2:eu,east:2:us,west:2:us", "central=2,east=2,west=2", "region", "us: 2; eu: 0" },
        { "by a label some lack: unlabelled members stand alone", "central:0:,east:4:us,west:4:us", "central=2,east=2,west=2", "region", "us: 4; central: 0" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Each_loss_reports_the_replicas_that_would_not_fit(string _, string members, string placement, string by, string expected)
    {
        var (report, refusal) = Survivability.Evaluate(new SurvivabilityQuestion(1, by), Members(members), [App("shop/web", Placement(placement))], Now);

        Assert.Null(refusal);
        Assert.Equal(expected, string.Join("; ", report!.Losses.Select(l => $"{string.Join("+", l.Groups)}: {l.Unplaced}")));
        Assert.Equal(report.Losses.Count(l => l.Unplaced > 0), report.Unsurvivable);
        Assert.Equal(report.Losses.Max(l => l.Unplaced) * PodCpu, report.MilliCpuToAdd);
    }

    [Fact]
    public void Capacity_promised_to_placements_the_members_figures_do_not_show_yet_counts_as_taken()
    {
        var members = Members("central:2:eu,east:2:us,west:2:us");
        var app = App("shop/web", Placement("central=2,east=2,west=2"));
        var promised = members.Select(m => m.Name == "central" ? m : m with { Reserved = new ResourceRequest(2 * PodCpu, 2L << 20) }).ToList();

        Assert.Equal("central: 0; east: 0; west: 0", Losses(members, app));
        Assert.Equal("central: 2; east: 0; west: 0", Losses(promised, app));
    }

    private static string Losses(List<FleetMember> members, FleetApplication app) => string.Join(
        "; ",
        Survivability.Evaluate(new SurvivabilityQuestion(1, "member"), members, [app], Now).Report!.Losses
            .OrderBy(l => l.Groups[0], StringComparer.Ordinal)
            .Select(l => $"{l.Groups[0]}: {l.Unplaced}"));

    [Fact]
    public void A_short_loss_suggests_nodes_that_the_plan_confirms()
    {
        var members = Members("central:0:eu,east:0:us,west:0:us");
        var app = App("shop/web", Placement("central=2,east=3,west=1"));

        var east = Survivability.Evaluate(new SurvivabilityQuestion(1, "member"), members, [app], Now).Report!.Losses[0];

        Assert.Equal(["east"], east.Members);
        Assert.Equal("shop/web: 3 of 6", string.Join("; ", east.Applications.Select(a => $"{a.Application}: {a.Shortfall} of {a.Replicas}")));
        Assert.Equal(3 * PodCpu, east.MilliCpuToAdd);
        var nodes = Assert.IsType<NodeSuggestion>(east.Nodes);
        var (without, apps) = Survivability.Without(["east"], members, [app]);
        var grown = without.Select(m => m.Name == nodes.Member ? Unblocking.Grow(m, nodes.Shape, nodes.Nodes) : m).ToList();
        Assert.Equal(0, FleetPlanner.Evaluate(grown, apps, Now).Applications[0].Shortfall);
        Assert.Equal(1, nodes.Nodes);
    }

    [Fact]
    public void Only_the_worst_short_losses_asked_for_get_a_node_suggestion()
    {
        var members = Members("central:0:eu,east:0:us,west:0:us");
        var app = App("shop/web", Placement("central=2,east=3,west=1"));

        var all = Survivability.Evaluate(new SurvivabilityQuestion(1, "member"), members, [app], Now).Report!;
        var worst = Survivability.Evaluate(new SurvivabilityQuestion(1, "member"), members, [app], Now, suggestNodesFor: 1).Report!;

        Assert.Equal("east: 1; central: 1; west: 1", Suggestions(all));
        Assert.Equal("east: 1; central: -; west: -", Suggestions(worst));
        Assert.Equal(all.Losses.Select(l => (l.Unplaced, l.MilliCpuToAdd)), worst.Losses.Select(l => (l.Unplaced, l.MilliCpuToAdd)));
    }

    [Fact]
    public void The_caller_hears_of_each_what_if_plan_of_a_loss_before_it_is_made()
    {
        // Three short losses: one plan each, then the node searches (at least one plan each).
        var members = Members("central:0:eu,east:0:us,west:0:us");
        var app = App("shop/web", Placement("central=2,east=3,west=1"));
        var (withoutNodes, withNodes) = (0, 0);

        Survivability.Evaluate(new SurvivabilityQuestion(1, "member"), members, [app], Now, suggestNodesFor: 0, beforePlan: () => withoutNodes++);
        Survivability.Evaluate(new SurvivabilityQuestion(1, "member"), members, [app], Now, beforePlan: () => withNodes++);

        Assert.Equal(3, withoutNodes);
        Assert.True(withNodes >= 6, $"{withNodes} plans announced");
    }

    private static string Suggestions(SurvivabilityReport report) =>
        string.Join("; ", report.Losses.Select(l => $"{l.Groups[0]}: {l.Nodes?.Nodes.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"}"));

    [Fact]
    public void Pairs_are_evaluated_together_and_bounded()
    {
        var small = Survivability.Evaluate(new SurvivabilityQuestion(2, "member"), Members("central:2:eu,east:2:us,west:2:us"), [App("shop/web", Placement("central=2,east=2,west=2"))], Now);
        Assert.Equal("central+east: 2; central+west: 2; east+west: 2", string.Join("; ", small.Report!.Losses.Select(l => $"{string.Join("+", l.Groups)}: {l.Unplaced}")));

        var many = string.Join(",", Enumerable.Range(0, 46).Select(i => $"m{i:00}:1:x"));
        var (report, refusal) = Survivability.Evaluate(new SurvivabilityQuestion(2, "member"), Members(many), [], Now);
        Assert.Null(report);
        Assert.Equal("46 groups give 1035 pairs, more than the 1000 evaluated; group the members by a label (region, zone) or ask for single losses", refusal);
        Assert.Equal("survive must be 1 or 2, not 3", Survivability.Evaluate(new SurvivabilityQuestion(3, "member"), Members(many), [], Now).Refusal);
    }

    [Fact]
    public void A_fleet_where_any_member_could_hold_everything_survives_every_single_loss()
    {
        Gen.Select(Gen.Int[2, 5], Gen.Int[0, 4].Array[5], Gen.Int[0, 4].Array[5]).Sample((count, web, api) =>
        {
            var names = Enumerable.Range(0, count).Select(i => $"m{i}").ToList();
            var room = web.Take(count).Sum() + api.Take(count).Sum();
            var members = Members(string.Join(",", names.Select(n => $"{n}:{room}:r")));
            var apps = new[] { App("shop/web", Spread(names, web)), App("shop/api", Spread(names, api)) };
            var report = Survivability.Evaluate(new SurvivabilityQuestion(1, "member"), members, apps, Now).Report!;
            return report.Unsurvivable == 0 && report.MilliCpuToAdd == 0 && report.Losses.Count == count;
        });
    }

    [Fact]
    public void Losing_a_member_that_holds_nothing_and_has_no_room_never_leaves_a_shortfall()
    {
        Gen.Select(Gen.Int[0, 4].Array[3], Gen.Int[0, 6].Array[3], Gen.Int[0, 4].Array[3]).Sample((web, rooms, api) =>
        {
            var names = new[] { "a", "b", "c" };
            var members = Members(string.Join(",", names.Select((n, i) => $"{n}:{rooms[i]}:r")) + ",spare:0:r");
            var apps = new[] { App("shop/web", Spread(names, web)), App("shop/api", Spread(names, api)) };
            var report = Survivability.Evaluate(new SurvivabilityQuestion(1, "member"), members, apps, Now).Report!;
            return report.Losses.Single(l => l.Groups[0] == "spare").Unplaced == 0;
        });
    }

    [Fact]
    public void Each_loss_reports_what_a_plan_of_the_whole_fleet_without_it_leaves_unplaced()
    {
        // Only the applications a loss can change are planned again; the answer must be the whole fleet's.
        var states = new[] { MemberState.Ready, MemberState.Ready, MemberState.Draining, MemberState.Cordoned };
        Gen.Select(Gen.Int[0, 4].Array[4], Gen.Int[0, 3].Array[4], Gen.Int[0, 3].Array[12], Gen.Int[0, 7].Array[3]).Sample((rooms, state, counts, replicas) =>
        {
            var names = new[] { "a", "b", "c", "d" };
            var members = Members(string.Join(",", names.Select((n, i) => $"{n}:{rooms[i]}:r")))
                .Select((m, i) => m with { State = states[state[i]] }).ToList();
            var apps = Enumerable.Range(0, 3)
                .Select(k => App($"shop/app{k}", Spread(names, counts[(k * 4)..((k * 4) + 4)])) with { Replicas = replicas[k] })
                .ToList();
            var baseline = FleetPlanner.Evaluate(members, apps, Now).Applications.ToDictionary(a => a.Key, a => a.Shortfall);
            var report = Survivability.Evaluate(new SurvivabilityQuestion(1, "member"), members, apps, Now).Report!;
            return report.Losses.All(loss =>
            {
                var (without, rest) = Survivability.Without(loss.Members, members, apps);
                var whole = FleetPlanner.Evaluate(without, rest, Now).Applications
                    .Where(a => a.Shortfall > baseline[a.Key])
                    .Select(a => $"{a.Key}:{a.Shortfall - baseline[a.Key]}");
                return whole.SequenceEqual(loss.Applications.Select(a => $"{a.Application}:{a.Shortfall}"));
            });
        });
    }

    [Fact]
    public void A_fleet_plan_counts_each_members_replicas_before_and_after_and_the_room_they_take()
    {
        // Counted in one pass over the applications; an application may still name a member the plan no longer has.
        Gen.Select(Gen.Int[0, 4].Array[3], Gen.Int[0, 3].Array[12], Gen.Int[0, 7].Array[3]).Sample((rooms, counts, replicas) =>
        {
            var names = new[] { "a", "b", "c", "gone" };
            var members = Members(string.Join(",", names.Take(3).Select((n, i) => $"{n}:{rooms[i]}:r")));
            var apps = Enumerable.Range(0, 3)
                .Select(k => App($"shop/app{k}", Spread(names, counts[(k * 4)..((k * 4) + 4)])) with { Replicas = replicas[k] })
                .ToList();

            var plan = FleetPlanner.Evaluate(members, apps, Now);

            return plan.Members.All(m =>
            {
                var after = plan.Applications.Sum(a => a.After.GetValueOrDefault(m.Name));
                var taken = (after - apps.Sum(a => a.Current.GetValueOrDefault(m.Name))) * PodCpu;
                var free = members.Single(f => f.Name == m.Name).Nodes[0].MilliCpu - taken;
                return m.ReplicasBefore == apps.Sum(a => a.Current.GetValueOrDefault(m.Name))
                    && m.ReplicasAfter == after
                    && m.CpuUtilisation == CapacityMath.Utilisation((8 * PodCpu) - free, 8 * PodCpu);
            });
        });
    }

    private static Dictionary<string, int> Spread(IReadOnlyList<string> names, int[] counts) =>
        names.Select((n, i) => (n, counts[i])).Where(p => p.Item2 > 0).ToDictionary(p => p.n, p => p.Item2, StringComparer.Ordinal);

    private static Dictionary<string, int> Placement(string text) =>
        text.Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1]), StringComparer.Ordinal);

    /// <summary>Members with one node of room for "free" more 500m pods (allocatable 8 pods), labelled region=... when given.</summary>
    private static List<FleetMember> Members(string text) => [.. text.Split(',').Select(t => t.Split(':')).Select(p => new FleetMember(
        p[0],
        p[2].Length == 0 ? new Dictionary<string, string>() : new Dictionary<string, string> { ["region"] = p[2] },
        MemberState.Ready, null, null,
        [new NodeFree(int.Parse(p[1]) * PodCpu, 64L << 30)], true, 8 * PodCpu, 64L << 30))];

    private static FleetApplication App(string key, Dictionary<string, int> current) => new(
        key, current.Values.Sum(), new PlacementPolicy(PlacementStrategy.Weighted), new ResourceRequest(PodCpu, 1L << 20),
        TimeSpan.FromMinutes(10), current, new Dictionary<string, string>());
}
