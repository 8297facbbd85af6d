using Federation.Api;
using Spectre.Console;

namespace Federation.Cli;

/// <summary>A plan as an operator reads it: what moves, how full each member gets, what no longer fits.</summary>
internal static class PlanPrinter
{
    public static void Write(CliContext context, PlanResult plan)
    {
        var writer = context.Out;
        var applications = new TextTable("APPLICATION", "REPLICAS", "BEFORE", "AFTER", "MOVED", "SHORTFALL");
        foreach (var a in (plan.Applications ?? []).OrderBy(a => a.Application, StringComparer.Ordinal))
        {
            applications.Add(a.Application, $"{a.Replicas}", Division(a.Before), Division(a.After), $"{a.Moved}", $"{a.Shortfall}");
        }

        if (applications.Count == 0)
        {
            writer.WriteLine("No applications are affected.");
        }
        else
        {
            applications.WriteTo(writer);
        }

        writer.WriteLine();
        var members = new TextTable("MEMBER", "STATE", "REPLICAS", "CPU", "MEMORY");
        foreach (var m in (plan.Members ?? []).OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            members.Add(m.Name, m.State, $"{m.ReplicasBefore} -> {m.ReplicasAfter}", Units.Percent(m.CpuUtilisation), Units.Percent(m.MemoryUtilisation));
        }

        members.WriteTo(writer);
        writer.WriteLine();

        if (plan.TotalShortfall <= 0 && (plan.Shortfalls ?? []).Count == 0)
        {
            writer.WriteLine("Every replica fits after this change.");
            return;
        }

        writer.Flush();
        // Said loudly: a plan with a shortfall means replicas would go unscheduled.
        context.Console.MarkupLine($"[bold red]SHORTFALL: {plan.TotalShortfall} replica(s) would not fit after this change[/]");
        foreach (var line in plan.Shortfalls ?? [])
        {
            context.Console.MarkupLine($"[red]  - {Markup.Escape(line)}[/]");
        }
    }

    public static string Division(IReadOnlyDictionary<string, int>? division) =>
        division is null || division.Count == 0
            ? "-"
            : string.Join(",", division.Where(d => d.Value != 0).OrderBy(d => d.Key, StringComparer.Ordinal).Select(d => $"{d.Key}={d.Value}"));
}
