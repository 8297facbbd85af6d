namespace Federation.Reports;

/// <summary>
/// Keeps a series of samples bounded, however long a drain runs: a sample that changes nothing is
/// not kept (the series is a step function), and past the bound the series is halved by merging
/// neighbours into the one with fewer ready replicas. So the first and the last sample and the
/// lowest ready count always survive: the chart may lose detail, never the worst moment.
/// </summary>
public static class Samples
{
    /// <summary>The most samples a series keeps (per application, and the total).</summary>
    public const int MostPerSeries = 300;

    public static IReadOnlyList<ReportSample> Append(IReadOnlyList<ReportSample> series, ReportSample sample, int most = MostPerSeries)
    {
        if (series.Count > 0)
        {
            var last = series[^1];

            // Readings come in order; one stamped earlier (two clocks) counts as now.
            sample = sample.At < last.At ? sample with { At = last.At } : sample;
            if (last.Ready == sample.Ready && last.Floor == sample.Floor)
            {
                return series;
            }
        }

        List<ReportSample> next = [.. series, sample];
        return next.Count <= most ? next : Thin(next, most);
    }

    /// <summary>Halves the middle of the series until it fits, keeping of each pair the sample with fewer ready replicas.</summary>
    public static IReadOnlyList<ReportSample> Thin(IReadOnlyList<ReportSample> series, int most = MostPerSeries)
    {
        var kept = series.ToList();
        while (kept.Count > Math.Max(3, most))
        {
            var middle = new List<ReportSample> { kept[0] };
            for (var i = 1; i < kept.Count - 1; i += 2)
            {
                var a = kept[i];
                var b = i + 1 < kept.Count - 1 ? kept[i + 1] : a;

                // Fewer ready first, then the lower floor margin, then the earlier: deterministic.
                middle.Add(b.Ready < a.Ready || (b.Ready == a.Ready && b.Ready - b.Floor < a.Ready - a.Floor) ? b : a);
            }

            middle.Add(kept[^1]);
            kept = middle;
        }

        return kept;
    }

    /// <summary>Keeps at most <paramref name="most"/> items: the first half and the last half of the allowance.</summary>
    public static IReadOnlyList<T> Bound<T>(IReadOnlyList<T> items, int most) =>
        items.Count <= most ? items : [.. items.Take(most / 2), .. items.Skip(items.Count - (most - most / 2))];

    /// <summary>
    /// The sum of several step series: at every time any of them changes, each one's latest value
    /// (its first value before it starts), then thinned to the bound.
    /// </summary>
    public static IReadOnlyList<ReportSample> Sum(IReadOnlyList<IReadOnlyList<ReportSample>> series, int most = MostPerSeries)
    {
        var live = series.Where(s => s.Count > 0).ToList();
        if (live.Count == 0)
        {
            return [];
        }

        var times = live.SelectMany(s => s.Select(x => x.At)).Distinct().Order().ToList();
        var at = new int[live.Count];
        IReadOnlyList<ReportSample> total = [];
        foreach (var t in times)
        {
            int ready = 0, floor = 0;
            for (var i = 0; i < live.Count; i++)
            {
                while (at[i] + 1 < live[i].Count && live[i][at[i] + 1].At <= t)
                {
                    at[i]++;
                }

                ready += live[i][at[i]].Ready;
                floor += live[i][at[i]].Floor;
            }

            total = Append(total, new ReportSample(t, ready, floor), int.MaxValue);
        }

        return Thin(total, most);
    }
}
