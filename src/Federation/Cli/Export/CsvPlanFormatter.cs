namespace Federation.Cli.Export;

/// <summary>
/// <c>-o csv</c>: the sheet's table as RFC 4180 CSV (header row, CRLF line ends, fields with a comma,
/// quote or line break quoted, quotes doubled), which spreadsheets open as is. The summary is left out:
/// a line that is not a row would break the columns.
/// </summary>
internal sealed class CsvPlanFormatter : IPlanFormatter
{
    public string Name => "csv";

    public void Write(TextWriter writer, PlanSheet sheet, string json)
    {
        writer.Write(Line(sheet.Headers));
        foreach (var row in sheet.Rows)
        {
            writer.Write(Line(row));
        }
    }

    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string Line(IEnumerable<string> cells) => string.Join(",", cells.Select(Field)) + "\r\n";
}
