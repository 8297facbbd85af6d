namespace Federation.Reports;

/// <summary>
/// The report of a member's decommission, built from what its applications and the member tell it:
/// pure, so that the report grain only loads, folds an update in, and saves. Every list is bounded,
/// so a report's size grows with the applications on the member, never with the drain's length.
/// </summary>
public static class DecommissionReports
{
    public const int MostNotes = 20;

    public const int MostHooks = 200;

    public const int MostSteps = 200;

    public static DecommissionReport Begin(string member, string action, DateTimeOffset at) =>
        new(member, action, at, null, ReportOutcome.InProgress, [], [], []);

    /// <summary>Folds an application's update in: its samples, lowest ready count, steps, hooks (each call once) and notes.</summary>
    public static DecommissionReport Observe(DecommissionReport report, MoveUpdate u)
    {
        var sample = new ReportSample(u.At, u.Ready, u.Floor);
        var before = report.Applications.FirstOrDefault(a => a.Application == u.Application);
        if (before is { EndedAt: not null } && u.OnMember == 0)
        {
            // A late word from an application already off the member changes nothing.
            return report;
        }

        var move = before is null
            ? new ApplicationMove(u.Application, u.Reason, u.At, null, u.OnMember, u.OnMember, u.Replicas, u.Floor, u.Ready, u.At, [], [], [], [], [sample])
            : before with
            {
                Samples = Samples.Append(before.Samples, sample),
                Replicas = u.Replicas,
                Floor = u.Floor,
                ReplicasBefore = Math.Max(before.ReplicasBefore, u.OnMember),
                Steps = u.OnMember == before.ReplicasLeft ? before.Steps : Samples.Bound([.. before.Steps, new ReportStep(u.At, before.ReplicasLeft, u.OnMember)], MostSteps),
            };
        var lowest = before is not null && u.Ready < move.LowestReady;
        move = move with
        {
            ReplicasLeft = u.OnMember,
            EndedAt = u.OnMember == 0 ? move.EndedAt ?? u.At : null,
            LowestReady = lowest ? u.Ready : move.LowestReady,
            LowestAt = lowest ? u.At : move.LowestAt,
            Targets = [.. move.Targets.Union(u.Targets, StringComparer.Ordinal).Order(StringComparer.Ordinal)],
            Hooks = Samples.Bound([.. move.Hooks, .. u.Hooks.Where(h => !move.Hooks.Contains(h)).OrderBy(h => h.At)], MostHooks),
            Notes = u.Note is null || move.Notes.LastOrDefault()?.Text == u.Note ? move.Notes : Samples.Bound([.. move.Notes, new ReportNote(u.At, u.Note)], MostNotes),
        };
        List<ApplicationMove> moves = [.. report.Applications.Where(a => a.Application != u.Application), move];
        return report with { Applications = [.. moves.OrderBy(a => a.Application, StringComparer.Ordinal)] };
    }

    public static DecommissionReport MemberHook(DecommissionReport report, ReportHook hook) =>
        report with { MemberHooks = Samples.Bound([.. report.MemberHooks, hook], MostHooks) };

    public static DecommissionReport Note(DecommissionReport report, DateTimeOffset at, string text) =>
        report with { Notes = Samples.Bound([.. report.Notes, new ReportNote(at, text)], MostNotes) };

    /// <summary>Ends the report: the member is empty (Completed) or left the draining states (Stopped, with why).</summary>
    public static DecommissionReport Finish(DecommissionReport report, DateTimeOffset at, ReportOutcome outcome, string? why = null)
    {
        if (report.Outcome != ReportOutcome.InProgress)
        {
            return report;
        }

        var ended = report with { EndedAt = at, Outcome = outcome };
        return why is null ? ended : Note(ended, at, why);
    }

    /// <summary>Ready replicas against the floor of every application together.</summary>
    public static IReadOnlyList<ReportSample> Total(DecommissionReport report) =>
        Samples.Sum([.. report.Applications.Select(a => a.Samples)]);
}
