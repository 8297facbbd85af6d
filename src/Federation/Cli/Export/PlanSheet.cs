namespace Federation.Cli.Export;

/// <summary>
/// A plan flattened for export: a title, a few summary lines and one table (a row per line a planner
/// would paste into a ticket or a spreadsheet). Each plan kind builds its sheet once; every format reads it.
/// </summary>
internal sealed record PlanSheet(
    string Title,
    IReadOnlyList<string> Summary,
    IReadOnlyList<string> Headers,
    IReadOnlyList<IReadOnlyList<string>> Rows);
