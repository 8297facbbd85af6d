namespace Federation.Scheduling.Bench;

/// <summary>How much work the benchmark does; tests shrink it to a smoke run.</summary>
/// <param name="Pool">Distinct applications per strategy and fleet size.</param>
/// <param name="Budget">Time spent placing them, per strategy and fleet size.</param>
/// <param name="Applications">Applications in the fleet-wide re-placement.</param>
/// <param name="Runs">Timed runs of the re-placement, after one warm-up.</param>
internal sealed record BenchmarkScale(int Pool = 100, TimeSpan Budget = default, int Applications = 10_000, int Runs = 3)
{
    public TimeSpan Budget { get; init; } = Budget == default ? TimeSpan.FromMilliseconds(400) : Budget;
}
