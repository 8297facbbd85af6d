using CsCheck;
using Federation.Capacity;

namespace Federation.Scheduling.Tests.Capacity;

public sealed class CapacityLedgerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(10);

    /// <summary>A step: reserve (app, member, cpu, at seconds), observe (member, at seconds), release (app), forget (member).</summary>
    public sealed record Step(string Kind, string Target, string App = "", long Cpu = 0, int At = 0);

    public static TheoryData<string, Step[], long> Cases => new()
    {
        { "nothing promised: nothing reserved", [], 0 },
        { "two applications' promises add up", [new("reserve", "east", "a", 100), new("reserve", "east", "b", 250)], 350 },
        { "a new promise of one application replaces its old one", [new("reserve", "east", "a", 100), new("reserve", "east", "a", 40)], 40 },
        { "a promise on another member does not count here", [new("reserve", "west", "a", 100)], 0 },
        { "a report taken before the promise was made is not trusted", [new("reserve", "east", "a", 100, At: 5), new("observe", "east", At: 14)], 100 },
        { "a report taken a TTL after the promise ends it", [new("reserve", "east", "a", 100, At: 5), new("observe", "east", At: 15)], 0 },
        { "a report ends only the promises old enough", [new("reserve", "east", "a", 100, At: 0), new("reserve", "east", "b", 7, At: 8), new("observe", "east", At: 12)], 7 },
        { "a released application's promises end", [new("reserve", "east", "a", 100), new("reserve", "east", "b", 5), new("release", "", "a")], 5 },
        { "a forgotten member holds nothing", [new("reserve", "east", "a", 100), new("forget", "east")], 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Reserved_on_east(string why, Step[] steps, long expectedCpu)
    {
        var ledger = Apply(steps);
        Assert.True(expectedCpu == ledger.Reserved("east").MilliCpu, why);
    }

    [Fact]
    public void Running_sum_always_equals_the_sum_of_live_promises()
    {
        var step = Gen.Select(Gen.Int[0, 3], Gen.OneOf("east", "west"), Gen.OneOf("a", "b", "c"), Gen.Long[0, 1000], Gen.Int[0, 60],
            (k, member, app, cpu, at) => new Step(k switch { 0 or 1 => "reserve", 2 => "observe", _ => k % 2 == 0 ? "release" : "forget" }, member, app, cpu, at));
        step.Array[0, 40].Sample(steps =>
        {
            var ledger = Apply(steps);
            foreach (var member in new[] { "east", "west" })
            {
                Assert.Equal(Oracle(steps, member), ledger.Reserved(member).MilliCpu);
            }
        }, iter: 2000, print: s => string.Join("; ", s.Select(x => $"{x.Kind} {x.Target} {x.App} {x.Cpu}@{x.At}")));
    }

    private static CapacityLedger Apply(IEnumerable<Step> steps)
    {
        var ledger = new CapacityLedger(Ttl);
        foreach (var s in steps)
        {
            var at = T0.AddSeconds(s.At);
            switch (s.Kind)
            {
                case "reserve": ledger.Reserve(s.Target, s.App, new ResourceRequest(s.Cpu, s.Cpu * 2), at); break;
                case "observe": ledger.Observed(s.Target, at); break;
                case "release": ledger.Release(s.App); break;
                case "forget": ledger.Forget(s.Target); break;
            }
        }

        return ledger;
    }

    /// <summary>The ledger's rules replayed naively: the latest promise per application, ended by a late report, a release or a forget.</summary>
    private static long Oracle(IEnumerable<Step> steps, string member)
    {
        var live = new Dictionary<string, (long Cpu, int At)>();
        foreach (var s in steps)
        {
            if (s.Kind == "reserve" && s.Target == member) { live[s.App] = (s.Cpu, s.At); }
            if (s.Kind == "observe" && s.Target == member) { foreach (var a in live.Where(p => s.At >= p.Value.At + Ttl.TotalSeconds).Select(p => p.Key).ToList()) { live.Remove(a); } }
            if (s.Kind == "release") { live.Remove(s.App); }
            if (s.Kind == "forget" && s.Target == member) { live.Clear(); }
        }

        return live.Values.Sum(v => v.Cpu);
    }
}
