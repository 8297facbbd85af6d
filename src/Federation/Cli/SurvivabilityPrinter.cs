using Spectre.Console;
using Federation.Api;

namespace Federation.Cli;

/// <summary>A survivability plan as an operator reads it: each loss, worst first, then what to add.</summary>
internal static class SurvivabilityPrinter
{
    public static void Write(CliContext context, SurvivabilityResult plan)
    {
        var writer = context.Out;
        var losses = new TextTable("LOSS", "MEMBERS", "UNPLACED", "APPLICATIONS", "NODES TO ADD");
        foreach (var loss in plan.Scenarios ?? [])
        {
            losses.Add(
                string.Join("+", loss.Groups),
                string.Join(",", loss.Members),
                $"{loss.Unplaced}",
                string.Join(", ", (loss.Applications ?? []).Select(a => $"{a.Application} {a.Shortfall}/{a.Replicas}")),
                loss.Nodes?.Summary);
        }

        losses.WriteTo(writer);
        writer.WriteLine();
        if (plan.Unsurvivable == 0)
        {
            writer.WriteLine($"Every one of the {plan.Losses} loss(es) is survivable.");
            return;
        }

        writer.Flush();
        context.Console.MarkupLine($"[bold red]NOT SURVIVABLE: {plan.Unsurvivable} of {plan.Losses} loss(es) leave replicas unplaced[/]");
        writer.WriteLine($"To survive every loss add at least {Units.Cpu(plan.MilliCpuToAdd)} CPU and {Units.Memory(plan.MemoryBytesToAdd)} memory.");
    }
}
