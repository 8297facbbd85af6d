using CsCheck;
using Federation.Applications;

namespace Federation.Scheduling.Tests.Applications;

public sealed class AvoidanceTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan UnhealthyAfter = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan AvoidFor = TimeSpan.FromMinutes(10);

    // member: "name applied/ready template [unreachable] [judged] [target]"; unready since: seconds before now.
    public static TheoryData<string, string, int?, string?, bool, string, bool> UpdateCases => new()
    {
        // case, east member, east unready since (s ago), avoided already, replace expected, east avoided after ("" none, else reason), unready clock running after
        { "unready for the first time: the clock starts", "east 3/1 new", null, null, false, "", true },
        { "unready past unhealthyAfter with a proven template: avoided", "east 3/1 new", 121, null, true, "unhealthy", false },
        { "unready within unhealthyAfter: waits", "east 3/1 new", 119, null, false, "", true },
        { "a migration target past the step timeout: avoided", "east 3/1 new target", 61, null, true, "step-timeout", false },
        { "a migration target within the step timeout: waits", "east 3/1 new target", 59, null, false, "", true },
        { "ready again: the clock is cleared and placed again", "east 3/3 new", 30, null, true, "", false },
        { "out of reach: not the member's health, clock cleared", "east 3/1 new unreachable", 300, null, true, "", false },
        { "judged by a rollout: the version's doing", "east 3/1 new judged", 300, null, true, "", false },
        { "avoided already: not again", "east 3/1 new", 300, "earlier", false, "earlier", true },
    };

    [Theory]
    [MemberData(nameof(UpdateCases))]
    public void Avoids_a_member_whose_replicas_stay_unready(string name, string east, int? unreadyAgo, string? avoided, bool replace, string avoidedAfter, bool clockAfter)
    {
        var since = unreadyAgo is { } s ? new Dictionary<string, DateTimeOffset> { ["east"] = Now.AddSeconds(-s) } : new Dictionary<string, DateTimeOffset>();
        var avoid = avoided is { } a ? new Dictionary<string, Avoided> { ["east"] = new(Now.AddMinutes(5), a) } : new Dictionary<string, Avoided>();
        var d = Avoidance.Update(Input([Member(east), Member("west 2/2 new")], since, avoid));

        Assert.True(replace == d.Replace, name);
        var after = d.Avoid.TryGetValue("east", out var entry) ? d.Notes.SingleOrDefault(n => n.Kind == "Avoided")?.Reason ?? entry.Reason : "";
        Assert.True(avoidedAfter == after, $"{name}: avoided {after}");
        Assert.True(clockAfter == d.UnreadySince.ContainsKey("east"), name);
        if (avoided is null && entry is not null)
        {
            Assert.Equal(Now + AvoidFor, entry.Until);
            Assert.Equal("2 of 3 replicas on east not ready after " + (after == "step-timeout" ? "60s" : "120s"), entry.Reason);
        }
    }

    [Fact]
    public void An_unproven_template_is_not_chased_around_the_fleet()
    {
        var since = new Dictionary<string, DateTimeOffset> { ["east"] = Now.AddSeconds(-300) };
        var d = Avoidance.Update(Input([Member("east 3/0 new"), Member("west 2/2 old")], since, NoAvoid, proven: "old"));

        Assert.Empty(d.Avoid);
        Assert.Equal("old", d.ProvenTemplate);
        Assert.True(d.UnreadySince.ContainsKey("east"));
    }

    [Fact]
    public void A_template_ready_somewhere_is_proven()
    {
        var d = Avoidance.Update(Input([Member("east 3/1 new"), Member("west 2/2 new")], NoSince, NoAvoid, proven: "old"));

        Assert.Equal("new", d.ProvenTemplate);
        Assert.True(d.Changed);
    }

    [Fact]
    public void A_member_observed_without_anything_applied_is_not_avoided_but_can_prove_the_template()
    {
        var d = Avoidance.Update(Input([new AvoidMember("east", null, 2, "new", true, false, false)], NoSince, NoAvoid, proven: null));

        Assert.Equal("new", d.ProvenTemplate);
        Assert.Empty(d.UnreadySince);
        Assert.Empty(d.Avoid);
    }

    [Theory]
    [InlineData("expires at its time", 0, false)]
    [InlineData("expired before now", -1, false)]
    [InlineData("kept until its time", 1, true)]
    public void An_avoidance_ends_at_its_time(string name, int untilSeconds, bool kept)
    {
        var (avoid, notes) = Avoidance.Expire(new Dictionary<string, Avoided> { ["east"] = new(Now.AddSeconds(untilSeconds), "why") }, Now);

        Assert.True(kept == avoid.ContainsKey("east"), name);
        Assert.True(kept == (notes.Count == 0), name);
    }

    [Fact]
    public void Entries_expire_exactly_at_their_time_and_each_expiry_is_recorded_once()
    {
        Gen.Select(Gen.Int[-100, 100].Array[0, 8], Gen.Int[-100, 100]).Sample((untils, nowAt) =>
        {
            var avoid = untils.Select((u, i) => (Name: $"m{i}", Entry: new Avoided(Now.AddSeconds(u), $"r{i}")))
                .ToDictionary(e => e.Name, e => e.Entry);
            var now = Now.AddSeconds(nowAt);
            var (kept, notes) = Avoidance.Expire(avoid, now);

            Assert.Equal(avoid.Where(a => a.Value.Until > now).Select(a => a.Key).Order(), kept.Keys.Order());
            Assert.Equal(avoid.Where(a => a.Value.Until <= now).Select(a => a.Key).Order(), notes.Select(n => n.To!).Order());
            Assert.All(notes, n => Assert.Equal("AvoidExpired", n.Kind));
        });
    }

    [Fact]
    public void A_member_is_avoided_only_after_its_limit_with_a_proven_template_and_never_while_ready_or_out_of_reach()
    {
        Gen.Select(Gen.Int[0, 5], Gen.Int[0, 5], Gen.Bool, Gen.Bool, Gen.Bool, Gen.Int[0, 300], Gen.Bool).Sample((applied, ready, reachable, judged, target, ago, provenNew) =>
        {
            var member = new AvoidMember("east", applied, ready, "old", reachable, judged, target);
            var since = new Dictionary<string, DateTimeOffset> { ["east"] = Now.AddSeconds(-ago) };
            var d = Avoidance.Update(Input([member], since, NoAvoid, proven: provenNew ? "new" : "old"));

            var limit = target ? StepTimeout : UnhealthyAfter;
            var expected = reachable && ready < applied && !judged && provenNew && TimeSpan.FromSeconds(ago) >= limit;
            Assert.Equal(expected, d.Avoid.ContainsKey("east"));
            Assert.Equal(expected, d.Notes.Count == 1);
            Assert.Equal(reachable && ready < applied && !judged && !expected, d.UnreadySince.ContainsKey("east"));
        });
    }

    private static readonly Dictionary<string, DateTimeOffset> NoSince = [];
    private static readonly Dictionary<string, Avoided> NoAvoid = [];

    private static AvoidInput Input(IReadOnlyList<AvoidMember> members, IReadOnlyDictionary<string, DateTimeOffset> since, IReadOnlyDictionary<string, Avoided> avoid, string? proven = "new") =>
        new(members, since, avoid, "new", proven, StepTimeout, UnhealthyAfter, AvoidFor, Now);

    private static AvoidMember Member(string text)
    {
        var parts = text.Split(' ');
        var counts = parts[1].Split('/');
        return new AvoidMember(parts[0], int.Parse(counts[0]), int.Parse(counts[1]), parts[2], !parts.Contains("unreachable"), parts.Contains("judged"), parts.Contains("target"));
    }
}
