using Federation.Workloads.Stateful;

namespace Federation.Scheduling.Tests.Workloads.Stateful;

public sealed class StatefulOrdinalsTests
{
    private static OrdinalMember M(string name, int start, int count, int target, int? ready = null, bool reachable = true) =>
        new(name, count == 0 ? OrdinalRange.Empty : new OrdinalRange(start, count), target, count, ready ?? count, reachable);

    private static OrdinalStep Next(int replicas, params OrdinalMember[] members) => StatefulOrdinals.Next(new OrdinalInput(replicas, members));

    private static Dictionary<string, OrdinalRange> W(params (string Member, int Start, int Count)[] writes) =>
        writes.ToDictionary(w => w.Member, w => w.Count == 0 ? OrdinalRange.Empty : new OrdinalRange(w.Start, w.Count));

    public static TheoryData<string, int, OrdinalMember[], Dictionary<string, OrdinalRange>> Steps => new()
    {
        { "5 replicas over east 3 and west 2, from nothing: east 0..2, west 3..4", 5, [M("east", 0, 0, 3), M("west", 0, 0, 2)], W(("east", 0, 3), ("west", 3, 2)) },
        { "scale 5 → 3: west's ordinals 3 and 4 go first", 3, [M("east", 0, 3, 2), M("west", 3, 2, 1)], W(("west", 3, 0)) },
        { "scale 5 → 3 over three members: central (4..) goes before west (2..3)", 3, [M("central", 4, 1, 1), M("east", 0, 2, 1), M("west", 2, 2, 1)], W(("central", 4, 0)) },
        { "scale 3 → 5: the new ordinals extend the top member", 5, [M("east", 0, 2, 2), M("west", 2, 1, 3)], W(("west", 2, 3)) },
        { "drain west 3..4 to central: ordinal 3 starts on central first", 5, [M("central", 0, 0, 2), M("east", 0, 3, 3), M("west", 3, 2, 0)], W(("central", 3, 1)) },
        { "drain: ordinal 3 ready on central stops on west", 5, [M("central", 3, 1, 2), M("east", 0, 3, 3), M("west", 3, 2, 0)], W(("west", 4, 1)) },
        { "drain: the next ordinal moves only once the last one left", 5, [M("central", 3, 1, 2), M("east", 0, 3, 3), M("west", 4, 1, 0)], W(("central", 3, 2)) },
        { "drain of the bottom member: its top ordinal goes to the member above", 5, [M("east", 0, 3, 0), M("west", 3, 2, 5)], W(("west", 2, 3)) },
        { "a dark member placed on nothing lets its ordinals start elsewhere at once", 5, [M("east", 0, 3, 3), M("west", 3, 2, 0, reachable: false), M("central", 0, 0, 2)], W(("central", 3, 2)) },
        { "a failed-over member back with its ordinals running elsewhere is emptied at once", 5, [M("east", 0, 3, 3), M("west", 3, 2, 0), M("central", 3, 2, 2)], W(("west", 0, 0)) },
        { "a newcomer placed between others takes the ordinals of the member it replaces", 6, [M("a", 0, 2, 2), M("b", 2, 2, 0), M("c", 4, 2, 2), M("d", 0, 0, 2)], W(("d", 2, 1)) },
    };

    [Theory]
    [MemberData(nameof(Steps))]
    public void Step(string name, int replicas, OrdinalMember[] members, Dictionary<string, OrdinalRange> writes)
    {
        var step = Next(replicas, members);

        Assert.True(writes.OrderBy(w => w.Key).SequenceEqual(step.Writes.OrderBy(w => w.Key)), $"{name}: wrote {string.Join(", ", step.Writes.Select(w => $"{w.Key}={w.Value}"))}");
    }

    [Fact]
    public void An_ordinal_in_flight_waits_for_the_new_member_to_be_ready()
    {
        var step = Next(5, M("central", 3, 1, 2, ready: 0), M("east", 0, 3, 3), M("west", 3, 2, 0));

        Assert.Empty(step.Writes);
        Assert.Equal(new OrdinalMove(3, "west", "central"), step.InFlight);
        Assert.Contains("ordinal 3 starting on central", step.WaitingFor);
    }

    [Fact]
    public void Scale_down_waits_while_a_member_is_still_removing_pods()
    {
        var step = Next(2, new OrdinalMember("west", new OrdinalRange(3, 0), 0, 2, 2, true), M("east", 0, 3, 2));

        Assert.Empty(step.Writes);
        Assert.Contains("west is removing pods", step.WaitingFor);
    }

    [Fact]
    public void A_dark_member_still_placed_on_keeps_its_ordinals()
    {
        var step = Next(5, M("east", 0, 3, 3), M("west", 3, 2, 2, ready: 0, reachable: false));

        Assert.True(step.Converged);
    }

    [Fact]
    public void A_settled_fleet_writes_nothing()
    {
        var step = Next(5, M("east", 0, 3, 3), M("west", 3, 2, 2));

        Assert.True(step.Converged);
        Assert.Null(step.WaitingFor);
    }
}
