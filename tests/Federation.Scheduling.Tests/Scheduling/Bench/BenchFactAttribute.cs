namespace Federation.Scheduling.Tests.Scheduling.Bench;

/// <summary>A benchmark: skipped unless FEDERATION_BENCH=1, so the suite never waits on timings.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class BenchFactAttribute : FactAttribute
{
    public BenchFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("FEDERATION_BENCH") != "1")
        {
            Skip = "benchmark: run with FEDERATION_BENCH=1 (e.g. dotnet test --filter Category=Bench)";
        }
    }
}
