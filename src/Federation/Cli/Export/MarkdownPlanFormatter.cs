namespace Federation.Cli.Export;

/// <summary>
/// <c>-o markdown</c>: a heading, the summary as a list and the table as a GitHub-flavoured pipe table,
/// ready to paste into a ticket. Pipes in cells are escaped and line breaks become spaces, so a cell
/// never splits a row.
/// </summary>
internal sealed class MarkdownPlanFormatter : IPlanFormatter
{
    public string Name => "markdown";

    public void Write(TextWriter writer, PlanSheet sheet, string json)
    {
        writer.WriteLine($"### {Cell(sheet.Title)}");
        writer.WriteLine();
        foreach (var line in sheet.Summary)
        {
            writer.WriteLine($"- {Cell(line)}");
        }

        if (sheet.Summary.Count > 0)
        {
            writer.WriteLine();
        }

        writer.WriteLine(Row(sheet.Headers));
        writer.WriteLine(Row(sheet.Headers.Select(_ => "---")));
        foreach (var row in sheet.Rows)
        {
            writer.WriteLine(Row(row));
        }
    }

    public static string Cell(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("|", "\\|", StringComparison.Ordinal)
            .ReplaceLineEndings(" ");

    private static string Row(IEnumerable<string> cells) => "| " + string.Join(" | ", cells.Select(Cell)) + " |";
}
