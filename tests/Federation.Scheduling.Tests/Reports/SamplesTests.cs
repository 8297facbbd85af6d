using CsCheck;
using Federation.Reports;

namespace Federation.Scheduling.Tests.Reports;

public sealed class SamplesTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("a change is kept", "4/4", "3/4", "4/4,3/4")]
    [InlineData("a reading that changes nothing is not kept", "4/4", "4/4", "4/4")]
    [InlineData("a floor change alone is kept", "4/4", "4/3", "4/4,4/3")]
    [InlineData("the first reading is kept", "", "4/4", "4/4")]
    public void Append_keeps_only_changes(string _, string before, string next, string expected)
    {
        var series = Parse(before);
        var reading = Parse(next)[0] with { At = T0.AddSeconds(series.Count + 1) };

        var after = Samples.Append(series, reading);

        Assert.Equal(expected, string.Join(",", after.Select(s => $"{s.Ready}/{s.Floor}")));
    }

    [Fact]
    public void A_reading_stamped_before_the_last_counts_as_at_the_last()
    {
        var series = Samples.Append([new ReportSample(T0.AddSeconds(5), 4, 4)], new ReportSample(T0, 3, 4));

        Assert.Equal(T0.AddSeconds(5), series[^1].At);
    }

    [Fact]
    public void Sum_adds_each_series_latest_value_at_every_change()
    {
        IReadOnlyList<ReportSample> web = [new(T0, 4, 4), new(T0.AddSeconds(2), 5, 4), new(T0.AddSeconds(4), 4, 4)];
        IReadOnlyList<ReportSample> api = [new(T0.AddSeconds(1), 2, 2), new(T0.AddSeconds(3), 3, 2)];

        var total = Samples.Sum([web, api]);

        // api's first value holds before it starts; unchanged totals are not repeated.
        Assert.Equal("0:6/6,2:7/6,3:8/6,4:7/6", string.Join(",", total.Select(s => $"{(s.At - T0).TotalSeconds}:{s.Ready}/{s.Floor}")));
    }

    [Fact]
    public void A_long_series_stays_bounded_and_keeps_its_first_last_and_lowest_reading()
    {
        Gen.Int[0, 40].Array[1, 2000].Sample(values =>
        {
            IReadOnlyList<ReportSample> series = [];
            foreach (var (v, i) in values.Select((v, i) => (v, i)))
            {
                series = Samples.Append(series, new ReportSample(T0.AddSeconds(i), v, 10), most: 50);
            }

            var changes = values.Where((v, i) => i == 0 || v != values[i - 1]).ToList();
            return series.Count <= 50
                && series[0].Ready == values[0]
                && series[^1].Ready == changes[^1]
                && series.Min(s => s.Ready) == values.Min()
                && series.Zip(series.Skip(1)).All(p => p.First.At <= p.Second.At);
        });
    }

    [Fact]
    public void Bound_keeps_the_first_and_the_last_items()
    {
        var kept = Samples.Bound(Enumerable.Range(1, 10).ToList(), 4);

        Assert.Equal([1, 2, 9, 10], kept);
    }

    private static List<ReportSample> Parse(string text) => [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries)
        .Select((p, i) => p.Split('/'))
        .Select((p, i) => new ReportSample(T0.AddSeconds(i), int.Parse(p[0]), int.Parse(p[1])))];
}
