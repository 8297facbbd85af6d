using System.Globalization;
using System.Xml.Linq;
using CsCheck;
using Federation.Reports;

namespace Federation.Scheduling.Tests.Reports;

public sealed class ReportChartTests
{
    private static readonly XNamespace Svg = "http://www.w3.org/2000/svg";

    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string, int, int> Shapes => new()
    {
        // case, series (name=ready/floor@second;...), markers, expected ready points per series
        { "one application, two readings: a step line of four points", "web=4/4@0,3/4@5", 0, 4 },
        { "a series with no readings draws an empty line", "web=", 0, 0 },
        { "markers do not change the lines", "web=4/4@0", 3, 2 },
    };

    [Theory]
    [MemberData(nameof(Shapes))]
    public void The_chart_has_one_panel_per_series_with_a_ready_and_a_floor_line(string _, string series, int markers, int points)
    {
        var input = Input(series, markers);

        var svg = XDocument.Parse(ReportChart.Render(input));

        var panels = svg.Descendants(Svg + "g").Where(g => (string?)g.Attribute("class") == "series").ToList();
        Assert.Equal(input.Series.Select(s => s.Name), panels.Select(p => (string?)p.Attribute("data-series")));
        Assert.All(panels, p => Assert.Equal(points, Points(p, "ready").Count));
        Assert.All(panels, p => Assert.Equal(points, Points(p, "floor").Count));
        Assert.Equal(markers, svg.Descendants(Svg + "g").Count(g => (string?)g.Attribute("class") == "marker"));
    }

    [Fact]
    public void Ready_below_the_floor_is_drawn_below_the_floor_line()
    {
        var svg = XDocument.Parse(ReportChart.Render(Input("web=4/4@0,2/4@5", 0)));

        var panel = svg.Descendants(Svg + "g").Single(g => (string?)g.Attribute("class") == "series");
        var ready = Points(panel, "ready");
        var floor = Points(panel, "floor");

        // SVG's y grows downwards: the dip after 5 s lies below the floor line.
        Assert.Equal(floor[2].Y, ready[0].Y);
        Assert.True(ready[2].Y > floor[2].Y);
        Assert.Equal("web: lowest 2 ready, floor 4", panel.Elements(Svg + "text").First().Value);
    }

    [Fact]
    public void The_same_input_renders_the_same_text()
    {
        Assert.Equal(ReportChart.Render(Input("a=1/1@0,0/1@3;b=2/1@1", 2)), ReportChart.Render(Input("a=1/1@0,0/1@3;b=2/1@1", 2)));
    }

    [Fact]
    public void Labels_with_markup_are_escaped()
    {
        var input = Input("web=1/1@0", 0) with { Markers = [new ChartMarker(T0, "hook", "answered <b>500</b> & \"no\"")] };

        var svg = XDocument.Parse(ReportChart.Render(input));

        Assert.Contains("answered <b>500</b> & \"no\"", svg.Descendants(Svg + "title").Select(t => t.Value).Last(), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_point_and_marker_lies_inside_the_view_box()
    {
        var reading = Gen.Select(Gen.Int[-5, 500], Gen.Int[-5, 500], Gen.Int[-100, 1000], (r, f, s) => new ReportSample(T0.AddSeconds(s), r, f));
        var series = Gen.Select(Gen.String[Gen.Char.AlphaNumeric, 1, 8], reading.List[0, 30], (n, s) => new ChartSeries(n, [.. s.OrderBy(x => x.At)]));
        var marker = Gen.Select(Gen.Int[-100, 1000], Gen.Int[0, 3].Select(i => new[] { "hook", "step", "start", "end" }[i]), (s, k) => new ChartMarker(T0.AddSeconds(s), k, k));
        Gen.Select(series.List[1, 6], marker.List[0, 10], Gen.Int[0, 900]).Sample((all, markers, length) =>
        {
            var svg = XDocument.Parse(ReportChart.Render(new ChartInput("t", T0, T0.AddSeconds(length), all, markers)));
            var box = ((string)svg.Root!.Attribute("viewBox")!).Split(' ').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var points = svg.Descendants(Svg + "polyline").SelectMany(p => Parse((string)p.Attribute("points")!))
                .Concat(svg.Descendants(Svg + "line").SelectMany(l => new (double X, double Y)[] { ((double)l.Attribute("x1")!, (double)l.Attribute("y1")!), ((double)l.Attribute("x2")!, (double)l.Attribute("y2")!) }));
            return points.All(p => p.X >= box[0] && p.X <= box[0] + box[2] && p.Y >= box[1] && p.Y <= box[1] + box[3]);
        });
    }

    /// <summary>"name=ready/floor@second,...;name=..." and that many markers a second apart.</summary>
    private static ChartInput Input(string text, int markers) => new(
        "Drain of east",
        T0,
        T0.AddSeconds(10),
        [.. text.Split(';').Select(s => s.Split('=')).Select(s => new ChartSeries(s[0], [.. s[1].Split(',', StringSplitOptions.RemoveEmptyEntries).Select(r =>
        {
            var p = r.Split('/', '@');
            return new ReportSample(T0.AddSeconds(int.Parse(p[2])), int.Parse(p[0]), int.Parse(p[1]));
        })]))],
        [.. Enumerable.Range(0, markers).Select(i => new ChartMarker(T0.AddSeconds(i), "hook", $"hook {i}"))]);

    private static List<(double X, double Y)> Points(XElement panel, string kind) =>
        Parse((string)panel.Elements(Svg + "polyline").Single(p => (string?)p.Attribute("class") == kind).Attribute("points")!);

    private static List<(double X, double Y)> Parse(string points) => [.. points.Split(' ', StringSplitOptions.RemoveEmptyEntries)
        .Select(p => p.Split(','))
        .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)))];
}
