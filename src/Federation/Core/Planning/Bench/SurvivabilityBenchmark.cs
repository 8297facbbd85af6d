using System.Diagnostics;
using System.Globalization;
using Federation.Capacity;
using Federation.Scheduling;

namespace Federation.Planning.Bench;

/// <summary>
/// How long <see cref="Survivability"/> takes on a fleet of 100 members (three regions) and many
/// applications placed where they fit: every single member lost, then every region lost. Each loss
/// is one what-if plan of the whole fleet, so the cost is (losses + 1) plans plus the node searches
/// of short losses. Run as <c>federation bench survivability --applications N</c>; the seed is printed.
/// </summary>
public static class SurvivabilityBenchmark
{
    private static readonly string[] Regions = ["eu", "us", "ap"];

    public static void Run(TextWriter output, int applications, int? seed = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        var actualSeed = seed ?? Environment.TickCount;
        var random = new Random(actualSeed);
        var now = DateTimeOffset.UnixEpoch;

        // 1. 100 members of three 16-CPU / 64 GiB nodes; applications of 1..20 pods of 250m / 256 MiB
        //    spread over random members, each member's free room what is left after them.
        var names = Enumerable.Range(0, 100).Select(i => $"m{i:000}").ToList();
        var used = names.ToDictionary(n => n, _ => 0L, StringComparer.Ordinal);
        var apps = Enumerable.Range(0, applications).Select(i =>
        {
            var current = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var r = random.Next(1, 21); r > 0; r--)
            {
                var at = names[random.Next(names.Count)];
                current[at] = current.GetValueOrDefault(at) + 1;
                used[at] += 250;
            }

            var strategy = (PlacementStrategy)random.Next(1, 4);
            return new FleetApplication($"ns/app{i:00000}", current.Values.Sum(), new PlacementPolicy(strategy), new ResourceRequest(250, 256L << 20), TimeSpan.FromMinutes(5), current, new Dictionary<string, string>());
        }).ToList();
        var members = names.Select((n, i) =>
        {
            var free = Math.Max(0, (3 * 16_000) - used[n]) / 3;
            return new FleetMember(n, new Dictionary<string, string> { ["region"] = Regions[i % 3] }, MemberState.Ready, null, null,
                [.. Enumerable.Repeat(new NodeFree(free, free * (1L << 20) * 4), 3)], true, 3 * 16_000, 3 * (64L << 30));
        }).ToList();
        output.WriteLine(Invariant($"survivability benchmark, seed {actualSeed}: 100 members, {applications:N0} applications, {apps.Sum(a => a.Replicas):N0} replicas ({Environment.ProcessorCount} CPUs)"));

        // 2. Every single loss by member, then by region, timed (wall and this process's CPU).
        foreach (var by in new[] { LossGroups.ByMember, "region" })
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var report = Survivability.Evaluate(new SurvivabilityQuestion(1, by), members, apps, now).Report!;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            output.WriteLine(Invariant($"  by {by}: {report.Losses.Count} losses in {clock.Elapsed.TotalSeconds:N2} s wall ({cpuSeconds:N2} s cpu), {report.Unsurvivable} not survivable, worst {report.Losses.Select(l => l.Unplaced).DefaultIfEmpty().Max():N0} replicas unplaced, add {Quantities.Cpu(report.MilliCpuToAdd)} CPU / {Quantities.Memory(report.MemoryBytesToAdd)}"));
        }
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);
}
