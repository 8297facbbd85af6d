using CsCheck;
using Federation.Planning;

namespace Federation.Scheduling.Tests.Planning;

public sealed class FleetIndexTests
{
    private static FleetApplication App(string key, params (string Member, int Replicas)[] placement) =>
        new(key, placement.Sum(p => p.Replicas), new PlacementPolicy(PlacementStrategy.Weighted), ResourceRequest.None, TimeSpan.FromMinutes(1),
            placement.ToDictionary(p => p.Member, p => p.Replicas), new Dictionary<string, string>());

    [Fact]
    public void A_member_change_reaches_its_applications_and_those_waiting_only()
    {
        var index = new FleetIndex();
        index.Record(App("on-east", ("east", 2), ("west", 1)), [], waiting: false);
        index.Record(App("on-west", ("west", 3)), [], waiting: false);
        index.Record(App("short", ("west", 1)), [], waiting: true);
        index.Record(App("leaving-east", ("west", 2)), holding: ["east"], waiting: false);

        Assert.Equal(["leaving-east", "on-east", "short"], index.AffectedBy("east", MemberChange.Eligibility).Order());
        Assert.Equal(["short"], index.AffectedBy("east", MemberChange.Room));
        Assert.Equal(["leaving-east", "on-east"], index.AffectedBy("east", MemberChange.Unreachable).Order());
        Assert.Empty(index.AffectedBy("east", MemberChange.None));
        Assert.Equal(4, index.AffectedBy("east", MemberChange.Everything).Count);
    }

    [Fact]
    public void Applications_that_wait_for_the_fleet_are_handed_out_once_and_never_if_removed()
    {
        var index = new FleetIndex();
        index.UntilFleetKnown(["b", "a"]);
        index.UntilFleetKnown(["c", "a"]);
        index.Remove("c");

        Assert.True(index.AnyUntilFleetKnown);
        Assert.Equal(["a", "b"], index.TakeUntilFleetKnown());
        Assert.False(index.AnyUntilFleetKnown);
        Assert.Empty(index.TakeUntilFleetKnown());
    }

    [Fact]
    public void A_new_record_replaces_where_the_application_is()
    {
        var index = new FleetIndex();
        index.Record(App("a", ("east", 2)), [], waiting: true);
        index.Record(App("a", ("west", 2)), [], waiting: false);

        Assert.Empty(index.On("east"));
        Assert.Equal(["a"], index.On("west"));
        Assert.Empty(index.AffectedBy("east", MemberChange.Room));
    }

    [Fact]
    public void A_removed_application_is_nowhere()
    {
        var index = new FleetIndex();
        index.Record(App("a", ("east", 2)), ["west"], waiting: true);
        index.Remove("a");

        Assert.Empty(index.On("east"));
        Assert.Empty(index.On("west"));
        Assert.Empty(index.AffectedBy("east", MemberChange.Everything));
        Assert.Equal(0, index.Count);
    }

    [Fact]
    public void Members_index_always_matches_the_latest_record_of_each_application()
    {
        var member = Gen.OneOf("east", "west", "central");
        var op = Gen.Select(Gen.OneOf("a", "b", "c"), member.Array[0, 3], member.Array[0, 2], Gen.Bool, Gen.Int[0, 5],
            (app, placed, holding, waiting, kind) => (app, placed, holding, waiting, remove: kind == 0));
        op.Array[0, 30].Sample(ops =>
        {
            var index = new FleetIndex();
            var latest = new Dictionary<string, HashSet<string>>();
            foreach (var (app, placed, holding, waiting, remove) in ops)
            {
                if (remove)
                {
                    index.Remove(app);
                    latest.Remove(app);
                    continue;
                }

                index.Record(App(app, [.. placed.Distinct().Select(m => (m, 1))]), holding, waiting);
                latest[app] = [.. placed, .. holding];
            }

            foreach (var m in new[] { "east", "west", "central" })
            {
                Assert.Equal(latest.Where(l => l.Value.Contains(m)).Select(l => l.Key).Order(), index.On(m).Order());
            }
        }, iter: 2000, print: ops => string.Join("; ", ops.Select(o => $"{o.app} [{string.Join(",", o.placed)}] +[{string.Join(",", o.holding)}]{(o.remove ? " removed" : "")}")));
    }
}
