using System.Globalization;

namespace Federation.Cli;

/// <summary>
/// Progress for logs and pipes: one line whenever the figures change, plus a line when
/// a migration reports itself stuck, instead of a redrawn bar.
/// </summary>
internal sealed class PlainDrainDisplay(TextWriter writer)
{
    private string? _lastLine;
    private readonly HashSet<string> _reportedStuck = [];

    public void Show(DrainSnapshot snapshot)
    {
        var perApplication = string.Join(", ", snapshot.Applications.Select(a =>
            $"{a.Application} {a.Moved}/{a.Initial}" + (a.Blocked is null ? "" : $" waiting: {a.Blocked}")));
        var line = $"{snapshot.Cluster} {snapshot.State}: {snapshot.Moved}/{snapshot.Initial} replica(s) moved, {snapshot.Remaining} remaining"
            + (perApplication.Length > 0 ? $" ({perApplication})" : "");
        if (line != _lastLine)
        {
            writer.WriteLine($"[{Elapsed(snapshot.Elapsed)}] {line}");
            _lastLine = line;
        }

        foreach (var stuck in snapshot.Applications.Where(a => a.StuckReason is not null))
        {
            if (_reportedStuck.Add($"{stuck.Application}\n{stuck.StuckReason}"))
            {
                writer.WriteLine($"[{Elapsed(snapshot.Elapsed)}] {stuck.Application}: migration stuck: {stuck.StuckReason}");
            }
        }
    }

    private static string Elapsed(TimeSpan elapsed) =>
        elapsed.ToString(elapsed.TotalHours >= 1 ? @"h\:mm\:ss" : @"mm\:ss", CultureInfo.InvariantCulture);
}
