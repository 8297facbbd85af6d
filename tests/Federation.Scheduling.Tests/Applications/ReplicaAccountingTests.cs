using CsCheck;
using Federation.Applications;

namespace Federation.Scheduling.Tests.Applications;

public sealed class ReplicaAccountingTests
{
    public static TheoryData<string, int, string, string, int, int> Cases => new()
    {
        // case, replicas, members ("name target/applied/ready", "?" = unreachable), expected lost per member, ready, unknown
        { "all reachable: nothing is lost or unknown", 6, "a 3/3/3 b 3/3/3", "a0 b0", 6, 0 },
        { "dark member, replacements ready elsewhere: all lost", 6, "east? 0/2/2 west 3/3/3 central 3/3/3", "central0 east2 west0", 6, 2 },
        { "dark member, replacements still starting: none lost", 6, "east? 0/2/2 west 3/3/2 central 3/3/2", "central0 east0 west0", 4, 2 },
        { "dark member, one replacement ready: one lost", 6, "east? 0/2/2 west 3/3/3 central 3/3/2", "central0 east1 west0", 5, 2 },
        { "dark member, no room elsewhere (shortfall): none lost", 6, "east? 0/2/2 west 2/2/2 central 2/2/2", "central0 east0 west0", 4, 2 },
        { "dark member within its target: presumed running, unknown", 6, "east? 2/2/2 west 2/2/2 central 2/2/2", "central0 east0 west0", 4, 2 },
        { "dark member above target: only the excess can be lost", 6, "east? 1/3/3 west 3/3/3 central 2/2/2", "central0 east2 west0", 5, 3 },
        { "two dark members: written off in name order", 6, "a? 0/2/2 b? 0/2/2 c 6/6/5", "a2 b1 c0", 5, 4 },
        { "scaled down meanwhile: fewer replacements needed", 4, "east? 0/2/2 west 2/2/2 central 2/2/2", "central0 east2 west0", 4, 2 },
        { "ready above applied counts as applied (scaling down)", 4, "a 2/2/3 b 2/2/2", "a0 b0", 4, 0 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Replicas_count_as_ready_unknown_or_lost(string _, int replicas, string members, string lost, int ready, int unknown)
    {
        var account = ReplicaAccounting.Count(replicas, Parse(members));

        Assert.Equal(lost, string.Join(' ', account.Members.Select(m => $"{m.Name}{m.Lost}")));
        Assert.Equal((ready, unknown), (account.Ready, account.Unknown));
    }

    [Fact]
    public void A_dark_members_lost_replicas_no_longer_remain_on_it()
    {
        var east = ReplicaAccounting.Count(6, Parse("east? 0/6/6 west 3/3/3 central 3/3/3")).Of("east")!;

        Assert.Equal((6, 6, 0), (east.Applied, east.Lost, east.Remaining));
    }

    private static readonly Gen<(int Replicas, MemberReplicas[] Members)> Fleets =
        Gen.Int[0, 12].Select(Gen.Select(Gen.Int[0, 6], Gen.Int[0, 6], Gen.Int[0, 7], Gen.Bool).Array[1, 5], (n, ms) =>
            (n, ms.Select((m, i) => new MemberReplicas($"m{i}", m.Item1, m.Item2, m.Item3, m.Item4)).ToArray()));

    [Fact]
    public void Only_unreachable_replicas_above_target_are_ever_lost_and_never_more_than_applied()
    {
        Fleets.Sample(f => ReplicaAccounting.Count(f.Replicas, f.Members).Members.All(a =>
        {
            var m = f.Members.Single(x => x.Name == a.Name);
            return a.Lost >= 0 && a.Remaining >= 0 && a.Lost <= Math.Max(0, m.Applied - m.Target) && (m.Reachable ? a.Lost == 0 && a.Unknown == 0 : a.Ready == 0);
        }));
    }

    [Fact]
    public void Writing_replicas_off_never_leaves_fewer_counted_than_the_total()
    {
        // Whatever is written off is covered: ready + presumed-running + still-remaining excess ≥ replicas.
        Fleets.Sample(f =>
        {
            var account = ReplicaAccounting.Count(f.Replicas, f.Members);
            if (account.Lost == 0)
            {
                return true;
            }

            var presumed = f.Members.Where(m => !m.Reachable).Sum(m => Math.Min(m.Applied, m.Target));
            var excessLeft = f.Members.Where(m => !m.Reachable).Sum(m => Math.Max(0, m.Applied - m.Target)) - account.Lost;
            return account.Ready + presumed + excessLeft >= f.Replicas;
        });
    }

    [Fact]
    public void More_replicas_ready_elsewhere_never_writes_off_fewer()
    {
        Fleets.Sample(f =>
        {
            var reachable = Array.FindIndex(f.Members, m => m.Reachable);
            if (reachable < 0)
            {
                return true;
            }

            var more = f.Members.ToArray();
            more[reachable] = more[reachable] with { Applied = more[reachable].Applied + 1, Ready = more[reachable].Applied + 1 };
            return ReplicaAccounting.Count(f.Replicas, more).Lost >= ReplicaAccounting.Count(f.Replicas, f.Members).Lost;
        });
    }

    /// <summary>"east? 0/2/2 west 3/3/3": name (? = unreachable), target/applied/ready.</summary>
    private static List<MemberReplicas> Parse(string text)
    {
        var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var members = new List<MemberReplicas>();
        for (var i = 0; i < words.Length; i += 2)
        {
            var figures = words[i + 1].Split('/').Select(int.Parse).ToArray();
            members.Add(new MemberReplicas(words[i].TrimEnd('?'), figures[0], figures[1], figures[2], !words[i].EndsWith('?')));
        }

        return members;
    }
}
