using System.CommandLine;

namespace Federation.Cli.Export;

/// <summary>The formats <c>plan -o</c> accepts: the table for a terminal, or an export.</summary>
internal static class PlanFormats
{
    public const string Table = "table";

    public static readonly IReadOnlyList<IPlanFormatter> Exports =
        [new JsonPlanFormatter(), new CsvPlanFormatter(), new MarkdownPlanFormatter()];

    public static Option<string> Option()
    {
        var option = new Option<string>("--output", "-o")
        {
            Description = "Output format: table, json, csv or markdown",
            DefaultValueFactory = _ => Table,
        };
        option.AcceptOnlyFromAmong([Table, .. Exports.Select(f => f.Name)]);
        return option;
    }

    /// <summary>Prints the answer in <paramref name="format"/>: the table through <paramref name="table"/>, an export from the sheet.</summary>
    public static void Print(CliContext context, string? format, string json, Func<PlanSheet> sheet, Action table)
    {
        if (Exports.FirstOrDefault(f => f.Name == format) is { } formatter)
        {
            formatter.Write(context.Out, sheet(), json);
        }
        else
        {
            table();
        }
    }
}
