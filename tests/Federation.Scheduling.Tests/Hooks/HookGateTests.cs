using CsCheck;
using Federation.Hooks;

namespace Federation.Scheduling.Tests.Hooks;

public sealed class HookGateTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static readonly HookKind[] Both = [HookKind.BeforeScaleDown, HookKind.AfterReady];

    public static TheoryData<string, string, string, string, string, string, string> Cases => new()
    {
        // case, configured, lowerings (member:before>after), raises (member:before>after), ready (member=n), calls (step key@attempt=outcome/secondsAgo), due ; held
        { "a lowering with no call yet: its hook is due, the lowering held", "both", "east:4>3", "", "", "", "BeforeScaleDown:east:4->3#1 ; east" },
        { "succeeded: not called again, the lowering goes on", "both", "east:4>3", "", "", "BeforeScaleDown:east:4->3@1=Succeeded/0", " ; " },
        { "failed a moment ago: held, not called again before the backoff", "both", "east:4>3", "", "", "BeforeScaleDown:east:4->3@1=Failed/0", " ; east" },
        { "failed long enough ago: attempt 2 is due", "both", "east:4>3", "", "", "BeforeScaleDown:east:4->3@1=Failed/5", "BeforeScaleDown:east:4->3#2 ; east" },
        { "failed under Ignore: the lowering goes on, no retry", "both", "east:4>3", "", "", "BeforeScaleDown:east:4->3@1=Ignored/60", " ; " },
        { "a new step of the same member is a new call", "both", "east:3>2", "", "", "BeforeScaleDown:east:4->3@1=Succeeded/9", "BeforeScaleDown:east:3->2#1 ; east" },
        { "a raise not ready yet: nothing due", "both", "", "west:0>1", "west=0", "", " ; " },
        { "a raise ready: AfterReady due once", "both", "", "west:0>1", "west=1", "", "AfterReady:west:0->1#1 ; " },
        { "AfterReady already answered: not again", "both", "", "west:0>1", "west=1", "AfterReady:west:0->1@1=Succeeded/3", " ; " },
        { "ready and lowering in one step: AfterReady first", "both", "east:4>3", "west:0>1", "west=1", "", "AfterReady:west:0->1#1,BeforeScaleDown:east:4->3#1 ; east" },
        { "no hooks configured: nothing due, nothing held", "none", "east:4>3", "west:0>1", "west=1", "", " ; " },
        { "only AfterReady configured: lowerings are never held", "AfterReady", "east:4>3", "west:0>1", "west=1", "", "AfterReady:west:0->1#1 ; " },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Hooks_due_and_lowerings_held_follow_the_record_of_calls(
        string _, string configured, string lowerings, string raises, string ready, string calls, string expected)
    {
        var kinds = (configured switch { "both" => Both, "none" => [], _ => [Enum.Parse<HookKind>(configured)] }).ToHashSet();
        var lower = Pairs(lowerings).ToDictionary(p => p.Member, p => (p.Before, p.After), StringComparer.Ordinal);
        var record = Calls(calls);

        var due = HookGate.Due(kinds, lower, [.. Pairs(raises).Select(p => new HookRaise(p.Member, p.Before, p.After))], Ready(ready), record, Now);
        var held = HookGate.Held(kinds, lower, record);

        Assert.Equal(expected, $"{string.Join(",", due.Select(d => $"{d.Step.Key}#{d.Attempt}"))} ; {string.Join(",", held.Order())}");
    }

    [Theory]
    [InlineData("a raise ready and never announced is owed", "AfterReady", "west:3>4", "west=4", "", "AfterReady:west:3->4")]
    [InlineData("a raise not ready yet is not owed (the migration is not done anyway)", "AfterReady", "west:3>4", "west=3", "", "")]
    [InlineData("an answered AfterReady is not owed", "AfterReady", "west:3>4", "west=4", "AfterReady:west:3->4@1=Succeeded/0", "")]
    [InlineData("an ignored failure is not owed", "AfterReady", "west:3>4", "west=4", "AfterReady:west:3->4@1=Ignored/0", "")]
    [InlineData("a failure under Fail is owed: it is tried again", "AfterReady", "west:3>4", "west=4", "AfterReady:west:3->4@1=Failed/0", "AfterReady:west:3->4")]
    [InlineData("the same raise noted twice is owed once", "AfterReady", "west:3>4,west:3>4", "west=4", "", "AfterReady:west:3->4")]
    [InlineData("without an AfterReady hook nothing is owed", "none", "west:3>4", "west=4", "", "")]
    public void A_migration_owes_the_AfterReady_of_every_ready_raise_not_answered(
        string _, string configured, string raises, string ready, string calls, string expected)
    {
        var kinds = (configured == "none" ? [] : new[] { HookKind.AfterReady }).ToHashSet();

        var owed = HookGate.Owed(kinds, [.. Pairs(raises).Select(p => new HookRaise(p.Member, p.Before, p.After))], Ready(ready), Calls(calls));

        Assert.Equal(expected, string.Join(",", owed.Select(s => s.Key)));
    }

    [Fact]
    public void Whatever_is_owed_is_also_due_once_its_backoff_has_passed()
    {
        // Completion waits for what is owed; the next reconcile must then call it, or the migration would never end.
        Gen.Select(Gen.Int[0, 5], Gen.Int[1, 6], Gen.Int[0, 8], Gen.Bool, Gen.Int[1, 4]).Sample((before, up, ready, failed, attempt) =>
        {
            var raise = new HookRaise("west", before, before + up);
            var step = new HookStep(HookKind.AfterReady, "west", raise.Before, raise.After);
            List<HookCall> calls = failed ? [new HookCall(step, attempt, HookOutcome.Failed, 500, "no", Now)] : [];
            var kinds = new HashSet<HookKind> { HookKind.AfterReady };
            var readyNow = new Dictionary<string, int> { ["west"] = ready };
            var owed = HookGate.Owed(kinds, [raise], readyNow, calls);
            var due = HookGate.Due(kinds, new Dictionary<string, (int, int)>(), [raise], readyNow, calls, Now + HookGate.MostBackoff);
            return owed.All(o => due.Any(d => d.Step == o));
        });
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 30)]
    [InlineData(40, 30)]
    public void Backoff_doubles_per_attempt_up_to_30s(int attempt, int seconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(seconds), HookGate.Backoff(attempt));
    }

    [Fact]
    public void A_lowering_is_never_let_through_while_its_last_call_failed_under_Fail()
    {
        Gen.Select(Gen.Int[1, 8], Gen.Int[0, 7], Gen.Int[1, 5], Gen.Int[0, 100]).Sample((before, lower, attempt, ago) =>
        {
            var after = Math.Min(lower, before - 1);
            var step = new HookStep(HookKind.BeforeScaleDown, "east", before, after);
            var failed = new HookCall(step, attempt, HookOutcome.Failed, 500, "no", Now - TimeSpan.FromSeconds(ago));
            var lowerings = new Dictionary<string, (int, int)> { ["east"] = (before, after) };
            var due = HookGate.Due(Both.ToHashSet(), lowerings, [], new Dictionary<string, int>(), [failed], Now);
            return HookGate.Held(Both.ToHashSet(), lowerings, [failed]).Contains("east")
                && due.All(d => d.Attempt == attempt + 1);
        });
    }

    private static IEnumerable<(string Member, int Before, int After)> Pairs(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split(':', '>')).Select(p => (p[0], int.Parse(p[1]), int.Parse(p[2])));

    private static Dictionary<string, int> Ready(string text) =>
        text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1]), StringComparer.Ordinal);

    /// <summary>"Kind:member:before->after@attempt=Outcome/secondsAgo", comma separated.</summary>
    private static List<HookCall> Calls(string text) => [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(c =>
    {
        var (key, rest) = (c[..c.IndexOf('@')], c[(c.IndexOf('@') + 1)..]);
        var k = key.Split(':');
        var counts = k[2].Split("->");
        var attempt = int.Parse(rest[..rest.IndexOf('=')]);
        var outcome = Enum.Parse<HookOutcome>(rest[(rest.IndexOf('=') + 1)..rest.IndexOf('/')]);
        var ago = int.Parse(rest[(rest.IndexOf('/') + 1)..]);
        return new HookCall(new HookStep(Enum.Parse<HookKind>(k[0]), k[1], int.Parse(counts[0]), int.Parse(counts[1])), attempt, outcome, 200, "", Now - TimeSpan.FromSeconds(ago));
    })];
}
