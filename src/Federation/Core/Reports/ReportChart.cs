using System.Globalization;
using System.Xml.Linq;

namespace Federation.Reports;

/// <summary>One line of the chart: ready replicas and the floor of an application, or of all of them.</summary>
public sealed record ChartSeries(string Name, IReadOnlyList<ReportSample> Samples);

/// <summary>What the chart shows: a title, the time span, the series (one panel each) and the marked moments.</summary>
public sealed record ChartInput(string Title, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<ChartSeries> Series, IReadOnlyList<ChartMarker> Markers);

/// <summary>
/// Renders a decommission as SVG: one panel per series, stacked on a shared time axis, ready replicas
/// as a solid step line and the floor as a dashed one; hooks, steps, start and end as vertical marks
/// across every panel, each with a tooltip. Deterministic (same input, same text) and every
/// coordinate inside the view box, whatever the figures.
/// </summary>
public static class ReportChart
{
    public const double Width = 800;
    public const double Left = 48;
    public const double Right = 16;
    public const double Top = 44;
    public const double PanelHeight = 90;
    public const double PanelGap = 28;
    public const double Bottom = 28;

    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    public static double Height(int series) => Top + (Math.Max(1, series) * (PanelHeight + PanelGap)) - PanelGap + Bottom;

    public static string Render(ChartInput input)
    {
        var height = Height(input.Series.Count);
        var plotWidth = Width - Left - Right;
        var span = Math.Max(0, (input.To - input.From).TotalMilliseconds);
        double X(DateTimeOffset t) => Left + (span == 0 ? 0 : Math.Clamp((t - input.From).TotalMilliseconds / span, 0, 1) * plotWidth);

        var root = new XElement(
            Svg + "svg",
            new XAttribute("viewBox", $"0 0 {N(Width)} {N(height)}"),
            new XAttribute("width", N(Width)),
            new XAttribute("height", N(height)),
            new XAttribute("role", "img"),
            new XAttribute("aria-label", input.Title),
            new XAttribute("font-family", "sans-serif"),
            new XAttribute("font-size", "11"),
            new XElement(Svg + "title", input.Title),
            new XElement(Svg + "text", new XAttribute("class", "title"), new XAttribute("x", N(Left)), new XAttribute("y", "20"), new XAttribute("font-size", "14"), input.Title));

        for (var i = 0; i < input.Series.Count; i++)
        {
            root.Add(Panel(input.Series[i], Top + (i * (PanelHeight + PanelGap)), X, input.To));
        }

        var bottom = height - Bottom;
        root.Add(new XElement(
            Svg + "g",
            new XAttribute("class", "markers"),
            input.Markers.Select(m => new XElement(
                Svg + "g",
                new XAttribute("class", "marker"),
                new XAttribute("data-kind", m.Kind),
                new XElement(
                    Svg + "line",
                    new XAttribute("x1", N(X(m.At))),
                    new XAttribute("y1", N(Top)),
                    new XAttribute("x2", N(X(m.At))),
                    new XAttribute("y2", N(bottom)),
                    new XAttribute("stroke", m.Kind switch { "hook" => "#8e44ad", "step" => "#95a5a6", _ => "#2c3e50" }),
                    new XAttribute("stroke-width", m.Kind == "step" ? "0.5" : "1"),
                    new XAttribute("stroke-dasharray", m.Kind == "hook" ? "2 2" : "none")),
                new XElement(Svg + "title", $"{m.At.UtcDateTime:HH:mm:ss} {m.Label}")))));
        root.Add(
            new XElement(Svg + "text", new XAttribute("x", N(Left)), new XAttribute("y", N(height - 8)), $"{input.From.UtcDateTime:HH:mm:ss} UTC"),
            new XElement(Svg + "text", new XAttribute("x", N(Width - Right)), new XAttribute("y", N(height - 8)), new XAttribute("text-anchor", "end"), $"{input.To.UtcDateTime:HH:mm:ss} UTC"));
        return root.ToString(SaveOptions.DisableFormatting);
    }

    private static XElement Panel(ChartSeries series, double top, Func<DateTimeOffset, double> x, DateTimeOffset to)
    {
        var samples = series.Samples;
        var most = Math.Max(1, samples.Count == 0 ? 1 : samples.Max(s => Math.Max(s.Ready, s.Floor)));
        double Y(int value) => top + PanelHeight - (Math.Clamp(value, 0, most) / (double)most * PanelHeight);
        var lowest = samples.Count == 0 ? null : samples.MinBy(s => s.Ready);
        var label = lowest is null ? $"{series.Name}: no readings" : $"{series.Name}: lowest {lowest.Ready} ready, floor {lowest.Floor}";
        return new XElement(
            Svg + "g",
            new XAttribute("class", "series"),
            new XAttribute("data-series", series.Name),
            new XElement(Svg + "rect", new XAttribute("x", N(Left)), new XAttribute("y", N(top)), new XAttribute("width", N(Width - Left - Right)), new XAttribute("height", N(PanelHeight)), new XAttribute("fill", "none"), new XAttribute("stroke", "#d0d7de")),
            new XElement(Svg + "text", new XAttribute("class", "label"), new XAttribute("x", N(Left)), new XAttribute("y", N(top - 6)), label),
            new XElement(Svg + "text", new XAttribute("x", N(Left - 6)), new XAttribute("y", N(top + 10)), new XAttribute("text-anchor", "end"), N(most)),
            new XElement(Svg + "text", new XAttribute("x", N(Left - 6)), new XAttribute("y", N(top + PanelHeight)), new XAttribute("text-anchor", "end"), "0"),
            Line("floor", Steps(samples, s => s.Floor, x, Y, to), "#c0392b", "4 3"),
            Line("ready", Steps(samples, s => s.Ready, x, Y, to), "#2471a3", "none"));
    }

    /// <summary>A step line: each value holds until the next sample, the last one until the end.</summary>
    private static string Steps(IReadOnlyList<ReportSample> samples, Func<ReportSample, int> value, Func<DateTimeOffset, double> x, Func<int, double> y, DateTimeOffset to)
    {
        var points = new List<string>();
        for (var i = 0; i < samples.Count; i++)
        {
            var level = y(value(samples[i]));
            points.Add($"{N(x(samples[i].At))},{N(level)}");
            points.Add($"{N(x(i + 1 < samples.Count ? samples[i + 1].At : to))},{N(level)}");
        }

        return string.Join(' ', points);
    }

    private static XElement Line(string kind, string points, string colour, string dash) => new(
        Svg + "polyline",
        new XAttribute("class", kind),
        new XAttribute("points", points),
        new XAttribute("fill", "none"),
        new XAttribute("stroke", colour),
        new XAttribute("stroke-width", kind == "ready" ? "2" : "1.5"),
        new XAttribute("stroke-dasharray", dash));

    private static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);
}
