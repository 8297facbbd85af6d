using System.Globalization;
using Federation.Reports;

namespace Federation.Cli.Export;

/// <summary>
/// A decommission report flattened for reading: the applications moved (one row each) with the
/// figures first, and the hook calls and notes as tables of their own. The terminal summary and the
/// Markdown file read the same sheets.
/// </summary>
internal static class ReportSheets
{
    public static PlanSheet Applications(ReportView r)
    {
        var verb = r.Action == "retire" ? "Retirement" : "Drain";
        var how = r.Outcome switch
        {
            ReportOutcome.Completed => $"completed in {Seconds(r.DurationSeconds)}",
            ReportOutcome.Stopped => $"stopped after {Seconds(r.DurationSeconds)}",
            _ => "in progress",
        };
        var below = r.Applications.Where(a => a.LowestReady < a.Floor).Select(a => $"{a.Application} ({a.LowestReady} < {a.Floor})").ToList();
        List<string> summary =
        [
            $"started {Units.Time(r.StartedAt)}" + (r.EndedAt is { } end ? $", ended {Units.Time(end)}" : ""),
            $"{r.Summary.Applications} application(s), {r.Summary.ReplicasMoved} replica(s) moved; lowest ready in total {r.Summary.LowestReady} against a floor of {r.Summary.Floor}",
            below.Count == 0 ? "every application stayed at or above its floor" : $"BELOW THE FLOOR: {string.Join(", ", below)}",
            $"{r.Summary.HookCalls} hook call(s), {r.Summary.HookFailures} failed",
        ];
        summary.AddRange(r.MemberHooks.Select(h => $"{h.Hook} {h.Member}: {h.Answer} ({h.Outcome})"));
        summary.AddRange(r.Notes.Select(n => $"{Clock(n.At)} {n.Text}"));
        return new PlanSheet(
            $"{verb} of {r.Member}: {how}",
            summary,
            ["APPLICATION", "MOVED", "TO", "DURATION", "LOWEST READY", "FLOOR", "HOOKS", "NOTES"],
            [.. r.Applications.Select(a => (IReadOnlyList<string>)
            [
                a.Application,
                $"{a.ReplicasMoved}/{a.ReplicasBefore}",
                string.Join(",", a.Targets),
                a.EndedAt is null ? $"{a.ReplicasLeft} left" : Seconds(a.DurationSeconds),
                $"{a.LowestReady} at {Clock(a.LowestAt)}",
                a.Floor.ToString(CultureInfo.InvariantCulture),
                string.Join(", ", a.Hooks.GroupBy(h => h.Hook).Select(g => $"{g.Key} x{g.Count()}" + (g.Count(h => h.Outcome != "Succeeded") is var failed and > 0 ? $" ({failed} failed)" : ""))),
                string.Join("; ", a.Notes.Select(n => n.Text)),
            ])]);
    }

    public static PlanSheet Hooks(ReportView r) => new(
        "Hooks called",
        [],
        ["TIME", "APPLICATION", "HOOK", "MEMBER", "STEP", "ATTEMPT", "OUTCOME", "ANSWER"],
        [.. r.Applications.SelectMany(a => a.Hooks.Select(h => (a.Application, Hook: h)))
            .Concat(r.MemberHooks.Select(h => (Application: "-", Hook: h)))
            .OrderBy(x => x.Hook.At)
            .Select(x => (IReadOnlyList<string>)
            [
                Clock(x.Hook.At),
                x.Application,
                x.Hook.Hook,
                x.Hook.Member,
                x.Hook.Before == x.Hook.After ? "-" : $"{x.Hook.Before} -> {x.Hook.After}",
                x.Hook.Attempt.ToString(CultureInfo.InvariantCulture),
                x.Hook.Outcome,
                x.Hook.Answer,
            ])]);

    // Moves often take less than a second: tenths are kept below a minute.
    private static string Seconds(double? seconds) => seconds switch
    {
        null => "-",
        < 60 and var s => s.ToString("0.#", CultureInfo.InvariantCulture) + "s",
        var s => Units.Duration(TimeSpan.FromSeconds(s.Value)),
    };

    private static string Clock(DateTimeOffset at) => at.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
}
