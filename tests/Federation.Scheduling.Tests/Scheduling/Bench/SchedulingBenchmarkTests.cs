using Federation.Scheduling.Bench;
using Xunit.Abstractions;

namespace Federation.Scheduling.Tests.Scheduling.Bench;

public class SchedulingBenchmarkTests(ITestOutputHelper output)
{
    [BenchFact]
    [Trait("Category", "Bench")]
    public void Scheduling_benchmark()
    {
        var text = new StringWriter();

        SchedulingBenchmark.Run(text, seed: 42);

        output.WriteLine(text.ToString());
    }

    [Fact]
    public void A_small_run_reports_every_strategy_fleet_size_and_the_re_placement()
    {
        // Structure only, never timings: a tiny run so the suite stays fast.
        var text = new StringWriter();

        SchedulingBenchmark.Run(text, seed: 7, new BenchmarkScale(Pool: 3, Budget: TimeSpan.FromMilliseconds(1), Applications: 50, Runs: 1));

        var report = text.ToString();
        Assert.Contains("seed 7", report, StringComparison.Ordinal);
        foreach (var strategy in Enum.GetNames<PlacementStrategy>())
        {
            Assert.Equal(3, report.Split('\n').Count(line => line.StartsWith(strategy + " ", StringComparison.Ordinal)));
        }

        Assert.Contains("re-placement after losing", report, StringComparison.Ordinal);
        Assert.Contains("run 1:", report, StringComparison.Ordinal);
    }
}
