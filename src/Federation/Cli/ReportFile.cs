using System.Text.Json;
using Federation.Cli.Export;
using Federation.Reports;

namespace Federation.Cli;

/// <summary>
/// <c>--report FILE</c> of <c>clusters drain|retire --wait</c>: once the watch ends, reads the member's
/// latest decommission report (waiting a little for the host to close it when the member is empty),
/// writes it by the file's extension — <c>.json</c> (the server's answer), <c>.md</c> (tables for a
/// ticket) or <c>.svg</c> (the chart) — and prints its summary.
/// </summary>
internal static class ReportFile
{
    public static readonly string[] Extensions = [".json", ".md", ".svg"];

    /// <summary>How long the host may take to close the report after the member is seen empty (it notices on its next probe).</summary>
    private static readonly TimeSpan EndGrace = TimeSpan.FromSeconds(30);

    public static void Check(string? file, bool wait)
    {
        if (file is null)
        {
            return;
        }

        if (!wait)
        {
            throw new CliInputException("--report goes with --wait: the report is written when the wait ends");
        }

        if (!Extensions.Contains(Path.GetExtension(file).ToLowerInvariant()))
        {
            throw new CliInputException($"--report: '{file}' must end in .json, .md or .svg (the format is chosen by the extension)");
        }
    }

    /// <returns>The exit code: the watch's, or a failure of its own when the watch succeeded.</returns>
    public static async Task<int> WriteAsync(CliContext context, FederationClient client, string cluster, string file, int exit, CancellationToken ct)
    {
        string json;
        ReportView view;
        try
        {
            (json, view) = await ReadAsync(context, client, cluster, waitForEnd: exit == ExitCodes.Success, ct);
        }
        catch (Exception e) when (e is FederationApiException or FederationUnavailableException)
        {
            await context.Error.WriteLineAsync($"error: --report: the report of {cluster} could not be read: {e.Message}");
            return exit == ExitCodes.Success ? ExitCodes.Unavailable : exit;
        }

        try
        {
            var text = Path.GetExtension(file).ToLowerInvariant() switch
            {
                ".json" => CliJson.Pretty(json) + Environment.NewLine,
                ".svg" => ReportChart.Render(ReportViews.Chart(view, context.Time.GetUtcNow())),
                _ => Markdown(view, json),
            };
            await File.WriteAllTextAsync(file, text, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await context.Error.WriteLineAsync($"error: --report: cannot write '{file}': {e.Message}");
            return exit == ExitCodes.Success ? ExitCodes.Refused : exit;
        }

        var sheet = ReportSheets.Applications(view);
        await context.Out.WriteLineAsync(sheet.Title);
        foreach (var line in sheet.Summary)
        {
            await context.Out.WriteLineAsync($"  {line}");
        }

        var table = new TextTable([.. sheet.Headers]);
        foreach (var row in sheet.Rows)
        {
            table.Add([.. row]);
        }

        table.WriteTo(context.Out);
        await context.Out.WriteLineAsync($"report written to {file}");
        return exit;
    }

    private static async Task<(string Json, ReportView View)> ReadAsync(CliContext context, FederationClient client, string cluster, bool waitForEnd, CancellationToken ct)
    {
        var deadline = context.Time.GetUtcNow() + EndGrace;
        while (true)
        {
            var json = await client.SendRawAsync(HttpMethod.Get, $"{ClustersCommand.Path(cluster)}/reports/latest", null, ct);
            var view = JsonSerializer.Deserialize<ReportView>(json, CliJson.Options)
                ?? throw new FederationUnavailableException("the server sent an empty report");
            if (!waitForEnd || view.Outcome != ReportOutcome.InProgress || context.Time.GetUtcNow() >= deadline)
            {
                return (json, view);
            }

            await context.Delay(context.PollInterval, ct);
        }
    }

    private static string Markdown(ReportView view, string json)
    {
        using var writer = new StringWriter();
        var markdown = new MarkdownPlanFormatter();
        markdown.Write(writer, ReportSheets.Applications(view), json);
        if (ReportSheets.Hooks(view) is { Rows.Count: > 0 } hooks)
        {
            writer.WriteLine();
            markdown.Write(writer, hooks, json);
        }

        return writer.ToString();
    }
}
