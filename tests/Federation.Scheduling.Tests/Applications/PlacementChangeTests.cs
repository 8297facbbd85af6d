using CsCheck;
using Federation.Applications;

namespace Federation.Scheduling.Tests.Applications;

public sealed class PlacementChangeTests
{
    [Theory]
    [InlineData("first placement", "", 0, "east=2,west=1", 0, "east=2,west=1", "Placed 3: placement {} → {east: 2, west: 1}")]
    [InlineData("the same placement: nothing to record", "east=2,west=1", 0, "west=1,east=2", 0, null, "")]
    [InlineData("members given nothing are left out", "east=2", 0, "east=2,west=0", 0, null, "")]
    [InlineData("a replica moves", "east=2,west=1", 0, "east=1,west=2", 0, "east=1,west=2", "Placed 3: placement {east: 2, west: 1} → {east: 1, west: 2}")]
    [InlineData("a member dropped", "east=2,west=1", 0, "east=3", 0, "east=3", "Placed 3: placement {east: 2, west: 1} → {east: 3}")]
    [InlineData("a shortfall appears", "east=2", 0, "east=2", 2, null, "Shortfall 2: 2 replica(s) fit nowhere; holding what runs")]
    [InlineData("the shortfall clears with a new placement", "east=2", 2, "east=2,west=2", 0, "east=2,west=2", "Placed 4: placement {east: 2} → {east: 2, west: 2}|ShortfallCleared 0: every replica is placed")]
    public void Takes_the_schedulers_placement_and_records_a_change(string name, string before, int shortfall, string placed, int placedShortfall, string? target, string notes)
    {
        var taken = PlacementChange.Take(Parse(before), shortfall, Parse(placed), placedShortfall);

        Assert.True(target == (taken.Target is { } t ? string.Join(",", t.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}")) : null), name);
        Assert.True(notes == string.Join("|", taken.Notes.Select(n => $"{n.Kind} {n.Replicas}: {n.Message}")), name);
    }

    [Fact]
    public void A_target_is_recorded_iff_the_positive_placement_differs()
    {
        var placement = Gen.Int[0, 3].Array[4].Select(counts => counts.Select((c, i) => (Name: "abcd"[i..(i + 1)], Count: c)).Where(p => p.Count >= 0).ToDictionary(p => p.Name, p => p.Count));
        Gen.Select(placement, placement).Sample((before, placed) =>
        {
            var current = before.Where(p => p.Value > 0).ToDictionary(p => p.Key, p => p.Value);
            var taken = PlacementChange.Take(current, 0, placed, 0);
            var wanted = placed.Where(p => p.Value > 0).ToDictionary(p => p.Key, p => p.Value);
            var same = wanted.Count == current.Count && wanted.All(p => current.GetValueOrDefault(p.Key) == p.Value);

            Assert.Equal(same, taken.Target is null);
            Assert.Equal(same ? 0 : 1, taken.Notes.Count);
            Assert.All(taken.Target ?? wanted, p => Assert.Equal(wanted[p.Key], p.Value));
        });
    }

    private static Dictionary<string, int> Parse(string text) =>
        text.Length == 0 ? [] : text.Split(',').Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1]), StringComparer.Ordinal);
}
