namespace Federation.Reports;

/// <summary>From a report to what readers see: its summary, the total series, the chart's markers and the chart itself.</summary>
public static class ReportViews
{
    public const int MostMarkers = 300;

    public static ReportView Present(DecommissionReport report)
    {
        var total = DecommissionReports.Total(report);
        var lowest = total.Count == 0 ? null : total.MinBy(s => s.Ready - s.Floor);
        var hooks = report.Applications.SelectMany(a => a.Hooks).Concat(report.MemberHooks).ToList();
        var summary = new ReportSummary(
            report.Applications.Count,
            report.Applications.Sum(a => a.ReplicasMoved),
            lowest?.Ready ?? 0,
            lowest?.Floor ?? 0,
            report.Applications.All(a => a.LowestReady >= a.Floor),
            hooks.Count,
            hooks.Count(h => h.Outcome != "Succeeded"),
            Seconds(report.StartedAt, report.EndedAt));
        return new ReportView(
            report.Member,
            report.Action,
            report.Outcome,
            report.StartedAt,
            report.EndedAt,
            summary.DurationSeconds,
            summary,
            report.Applications,
            total,
            report.MemberHooks,
            report.Notes,
            Markers(report));
    }

    /// <summary>The chart of a report: the total first, then each application, over the drain (until <paramref name="now"/> while it runs).</summary>
    public static ChartInput Chart(ReportView view, DateTimeOffset now) => new(
        $"{Title(view.Action)} of {view.Member}",
        view.StartedAt,
        view.EndedAt ?? Max(now, view.StartedAt),
        [new ChartSeries("total", view.Total), .. view.Applications.Select(a => new ChartSeries(a.Application, a.Samples))],
        view.Markers);

    public static double? Seconds(DateTimeOffset from, DateTimeOffset? to) =>
        to is { } end ? Math.Round((end - from).TotalSeconds, 1) : null;

    private static IReadOnlyList<ChartMarker> Markers(DecommissionReport report)
    {
        var markers = new List<ChartMarker> { new(report.StartedAt, "start", $"{report.Action} of {report.Member} started") };
        foreach (var a in report.Applications)
        {
            markers.AddRange(a.Steps.Select(s => new ChartMarker(s.At, "step", $"{a.Application}: {report.Member} {s.Before} → {s.After}")));
            markers.AddRange(a.Hooks.Select(h => new ChartMarker(h.At, "hook", $"{a.Application}: {h.Hook} {h.Member} {h.Before} → {h.After}, attempt {h.Attempt}: {h.Answer}")));
        }

        markers.AddRange(report.MemberHooks.Select(h => new ChartMarker(h.At, "hook", $"{h.Hook} {h.Member}: {h.Answer}")));
        if (report.EndedAt is { } end)
        {
            markers.Add(new ChartMarker(end, "end", $"{report.Action} of {report.Member} {report.Outcome.ToString().ToLowerInvariant()}"));
        }

        return Samples.Bound([.. markers.OrderBy(m => m.At).ThenBy(m => m.Kind, StringComparer.Ordinal).ThenBy(m => m.Label, StringComparer.Ordinal)], MostMarkers);
    }

    private static string Title(string action) => action == "retire" ? "Retirement" : "Drain";

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
