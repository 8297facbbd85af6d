using System.Diagnostics;
using System.Globalization;

namespace Federation.Scheduling.Bench;

/// <summary>
/// How fast <see cref="ReplicaScheduler"/> decides: placements per second and bytes allocated
/// per placement for fleets of 10, 100 and 1,000 members and each strategy, then a fleet-wide
/// re-placement of 10,000 applications after one member of a 100-member fleet is lost. The host
/// runs it as <c>federation bench scheduling</c>. Figures are wall-clock (Stopwatch) after a
/// warm-up, on one thread, with the process's CPU time beside them (on a busy machine the wall
/// clock overstates the cost); the seed is printed so that a run can be repeated.
/// </summary>
public static class SchedulingBenchmark
{
    private static readonly int[] FleetSizes = [10, 100, 1_000];

    public static void Run(TextWriter output, int? seed = null) => Run(output, seed, new BenchmarkScale());

    internal static void Run(TextWriter output, int? seed, BenchmarkScale scale)
    {
        ArgumentNullException.ThrowIfNull(output);
        var actualSeed = seed ?? Environment.TickCount;
        var random = new Random(actualSeed);
        var fleet = new BenchmarkFleet(random);
        output.WriteLine(Invariant($"scheduling benchmark, seed {actualSeed} ({Environment.ProcessorCount} CPUs, .NET {Environment.Version})"));

        // 1. Placements per second by strategy and fleet size: a pool of distinct applications, each
        //    placed once to warm up, then again and again until the time budget is spent.
        output.WriteLine(Invariant($"{"strategy",-11} {"members",7} {"placements/s",13} {"us/placement",13} {"p50 us",8} {"p99 us",8} {"cpu us/placement",17} {"bytes/placement",16}"));
        foreach (var size in FleetSizes)
        {
            var members = fleet.Members(size);
            foreach (var strategy in Enum.GetValues<PlacementStrategy>())
            {
                var pool = Enumerable.Range(0, scale.Pool).Select(_ => fleet.Application(strategy, members)).ToList();
                var (perSecond, cpu, bytes) = Measure(pool, scale.Budget);
                var (p50, p99) = Percentiles(pool, scale.Budget);
                output.WriteLine(Invariant($"{strategy,-11} {size,7} {perSecond,13:N0} {1e6 / perSecond,13:N1} {p50,8:N1} {p99,8:N1} {cpu,17:N1} {bytes,16:N0}"));
            }
        }

        // 2. Fleet-wide re-placement: every application of a 100-member fleet is placed, one member
        //    is lost (NotReady past failoverAfter), and every application is placed again from where
        //    it runs. Each application is placed on its own; capacity is not shared between them.
        var fleet100 = fleet.Members(100);
        var apps = Enumerable.Range(0, scale.Applications)
            .Select(_ => fleet.Application(fleet.AnyStrategy(), fleet100))
            .Select(r => r with { Current = ReplicaScheduler.Schedule(r).Placement })
            .ToList();
        var lost = fleet100[random.Next(fleet100.Count)].Name;
        var afterLoss = fleet100.Select(m => m.Name == lost ? m with { State = MemberState.NotReady, FailedOver = true } : m).ToList();
        var replacement = apps.Select(a => a with { Candidates = afterLoss }).ToList();
        var running = apps.Sum(a => a.Current.GetValueOrDefault(lost));
        output.WriteLine(Invariant($"re-placement after losing {lost}: {replacement.Count:N0} applications on 100 members, {running:N0} replicas ran there"));
        Place(replacement); // warm-up
        for (var run = 1; run <= scale.Runs; run++)
        {
            var (seconds, cpu, bytes, started) = Place(replacement);
            output.WriteLine(Invariant($"  run {run}: {seconds:N3} s wall ({cpu:N3} s cpu), {replacement.Count / seconds:N0} placements/s, {bytes:N0} bytes/placement, {started:N0} replicas started elsewhere"));
        }
    }

    private static (double PerSecond, double CpuMicroseconds, double Bytes) Measure(List<SchedulingRequest> pool, TimeSpan budget)
    {
        foreach (var request in pool)
        {
            ReplicaScheduler.Schedule(request);
        }

        var placements = 0L;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = CpuTime();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < budget)
        {
            foreach (var request in pool)
            {
                ReplicaScheduler.Schedule(request);
            }

            placements += pool.Count;
        }

        clock.Stop();
        var cpu = CpuTime() - cpuBefore;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        return (placements / clock.Elapsed.TotalSeconds, cpu.TotalMicroseconds / placements, (double)allocated / placements);
    }

    /// <summary>
    /// The median and 99th percentile of single placements, in microseconds: each placement timed on
    /// its own (a separate pass from the throughput figure, so the clock reads do not weigh on it).
    /// </summary>
    private static (double P50, double P99) Percentiles(List<SchedulingRequest> pool, TimeSpan budget)
    {
        var samples = new List<long>(capacity: 1 << 16);
        var until = Stopwatch.GetTimestamp() + (long)(budget.TotalSeconds * Stopwatch.Frequency);
        do
        {
            foreach (var request in pool)
            {
                var start = Stopwatch.GetTimestamp();
                ReplicaScheduler.Schedule(request);
                samples.Add(Stopwatch.GetTimestamp() - start);
            }
        }
        while (Stopwatch.GetTimestamp() < until);

        samples.Sort();
        double Microseconds(double q) => samples[Math.Min(samples.Count - 1, (int)(q * samples.Count))] * 1e6 / Stopwatch.Frequency;
        return (Microseconds(0.50), Microseconds(0.99));
    }

    private static (double Seconds, double CpuSeconds, double Bytes, long Started) Place(List<SchedulingRequest> requests)
    {
        var started = 0L;
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var cpuBefore = CpuTime();
        var clock = Stopwatch.StartNew();
        foreach (var request in requests)
        {
            var placement = ReplicaScheduler.Schedule(request).Placement;
            foreach (var (member, replicas) in placement)
            {
                started += Math.Max(0, replicas - request.Current.GetValueOrDefault(member));
            }
        }

        clock.Stop();
        var cpu = CpuTime() - cpuBefore;
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;
        return (clock.Elapsed.TotalSeconds, cpu.TotalSeconds, (double)allocated / requests.Count, started);
    }

    // CPU time of the whole process: on a busy machine wall time overstates the cost, this does not
    // (the benchmark is the only busy thread, give or take the GC).
    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
