using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Federation.Members.Simulation;

namespace Federation.Hosting;

/// <summary>
/// <c>federation bench fleet</c> (and <c>bench failover</c>, its three-member form): an in-process
/// host over simulated members reached through the real member client over HTTP. Places many
/// applications through the API, waits until every replica is ready, then takes one member dark
/// and waits until every application that had replicas there runs them all elsewhere, sampling
/// the members meanwhile for replicas lost below a floor and writes above the surge.
/// </summary>
public static class FleetBenchmark
{
    public sealed record Settings(int Applications, int Members, int Replicas, bool Json, int Clients = 8);

    public static async Task<int> RunAsync(Settings settings, TextWriter output, CancellationToken ct)
    {
        var memory = new PeakWorkingSet();
        await using var fleet = await BenchFleet.StartAsync(settings.Members, ct);
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct, fleet.Stopping);
        try
        {
            return await RunAsync(settings, fleet, memory, output, stopping.Token);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await Console.Error.WriteLineAsync("bench stopped before it finished");
            return 130;
        }
    }

    private static async Task<int> RunAsync(Settings settings, BenchFleet fleet, PeakWorkingSet memory, TextWriter output, CancellationToken ct)
    {
        using var writes = new WriteRateSampler(fleet.Clients);

        var keys = Enumerable.Range(0, settings.Applications).Select(i => $"app{i:D5}").ToList();
        if (!settings.Json)
        {
            output.WriteLine($"placing {settings.Applications} applications x {settings.Replicas} replicas on {settings.Members} members ...");
        }

        var placing = Stopwatch.StartNew();
        var putMs = new System.Collections.Concurrent.ConcurrentBag<double>();
        await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = settings.Clients, CancellationToken = ct }, async (key, token) =>
        {
            var put = Stopwatch.StartNew();
            await fleet.PutApplicationAsync(key, settings.Replicas, token);
            putMs.Add(put.Elapsed.TotalMilliseconds);
        });
        var puts = putMs.Order().ToList();
        var accepted = placing.Elapsed;
        var onMembers = new MemberReplicas(fleet.Sims);
        await Until(
            () =>
            {
                onMembers.Refresh();
                return keys.All(k => onMembers.Ready(k) == settings.Replicas);
            },
            ct);
        var placeSeconds = placing.Elapsed.TotalSeconds;
        if (!settings.Json)
        {
            output.WriteLine($"{settings.Applications} applications x {settings.Replicas} replicas on {settings.Members} members: accepted in {accepted.TotalSeconds:0.0}s (PUT p50 {puts[puts.Count / 2]:0.0} ms, p99 {puts[Math.Min(puts.Count - 1, puts.Count * 99 / 100)]:0.0} ms), all ready in {placeSeconds:0.0}s ({settings.Applications / placeSeconds:0} applications/s)");
        }

        var change = await ChangeLatency.MeasureAsync(fleet, keys, settings.Replicas, samples: Math.Min(200, keys.Count), ct);
        if (!settings.Json)
        {
            output.WriteLine($"one change at a time ({change.Samples} scale-ups): PUT answered p50 {change.PutP50Ms} ms, every member written p50 {change.WrittenP50Ms} ms (p99 {change.WrittenP99Ms} ms); raw writes to one member p50: scale {change.RawScaleP50Ms} ms, apply {change.RawApplyP50Ms} ms");
        }

        var dark = fleet.Sims[settings.Members / 2];
        var others = fleet.Sims.Where(s => s != dark).ToList();
        var affected = keys.Where(k => dark.SpecReplicas("bench", k) > 0).ToList();
        var lostOnDark = affected.Sum(k => dark.SpecReplicas("bench", k));
        var sampler = new FailoverSampler(affected, new MemberReplicas(others), settings.Replicas, stepSize: 1);
        var failing = Stopwatch.StartNew();
        dark.SetOutage(OutageMode.Refuse);
        var detection = fleet.WaitNotReadyAsync(dark.Name, ct);
        using var failingOver = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var falselyLost = fleet.WatchFalselyLostAsync(dark.Name, failingOver.Token);
        await Until(() => sampler.Sample(), ct);
        var failoverSeconds = failing.Elapsed.TotalSeconds;
        var detectionSeconds = (await detection).TotalSeconds;
        await failingOver.CancelAsync();
        var survivorsSeenLost = (await falselyLost).Order(StringComparer.Ordinal).ToList();
        var writesPeak = writes.Finish();

        var figures = new Dictionary<string, object>
        {
            ["applications"] = settings.Applications,
            ["members"] = settings.Members,
            ["replicas"] = settings.Replicas,
            ["placeSeconds"] = Math.Round(placeSeconds, 2),
            ["acceptSeconds"] = Math.Round(accepted.TotalSeconds, 2),
            ["putP50Ms"] = Math.Round(puts[puts.Count / 2], 1),
            ["putP99Ms"] = Math.Round(puts[Math.Min(puts.Count - 1, puts.Count * 99 / 100)], 1),
            ["changePutP50Ms"] = change.PutP50Ms,
            ["changeWrittenP50Ms"] = change.WrittenP50Ms,
            ["changeWrittenP99Ms"] = change.WrittenP99Ms,
            ["rawMemberScaleP50Ms"] = change.RawScaleP50Ms,
            ["rawMemberApplyP50Ms"] = change.RawApplyP50Ms,
            ["failoverApplications"] = affected.Count,
            ["failoverReplicas"] = lostOnDark,
            ["failoverSeconds"] = Math.Round(failoverSeconds, 2),
            ["detectionSeconds"] = Math.Round(detectionSeconds, 2),
            ["peakWorkingSetBytes"] = memory.Stop(),
            ["memberWritesPerSecondPeak"] = writesPeak,
            ["memberWritesPerSecondLimit"] = fleet.Options.MemberWritesPerSecond,
            ["survivorsSeenNotReady"] = survivorsSeenLost,
            ["lostReplicas"] = sampler.Lost,
            ["overSurge"] = sampler.OverSurge,
            ["overSurgeExamples"] = sampler.OverSurgeExamples,
        };
        if (settings.Json)
        {
            output.WriteLine(JsonSerializer.Serialize(figures));
        }
        else
        {
            output.WriteLine(
                $"member {dark.Name} dark with {lostOnDark} replicas of {affected.Count} applications: detected after {detectionSeconds:0.0}s, all fully ready elsewhere after {failoverSeconds:0.0}s " +
                $"(probes every {fleet.Options.ProbeInterval.TotalMilliseconds:0} ms x {fleet.Options.FailureThreshold}, timeout {fleet.Options.ProbeTimeout.TotalMilliseconds:0} ms, failoverAfter 1s)");
            output.WriteLine($"member writes: peak {writesPeak}/s on one member (limit {fleet.Options.MemberWritesPerSecond}/s); lost replicas {sampler.Lost}, over surge {sampler.OverSurge}; peak working set {memory.Peak / (1 << 20)} MiB");
            if (survivorsSeenLost.Count > 0)
            {
                output.WriteLine($"members that answered all along but the host saw NotReady during the failover: {string.Join(", ", survivorsSeenLost)}");
            }

            foreach (var example in sampler.OverSurgeExamples)
            {
                output.WriteLine($"over surge: {example}");
            }
        }

        return sampler.Lost == 0 && sampler.OverSurge == 0 ? 0 : 1;
    }

    internal static async Task Until(Func<bool> condition, CancellationToken ct, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromMinutes(15);
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > limit)
            {
                throw new TimeoutException($"not reached within {limit}");
            }

            await Task.Delay(200, ct);
        }
    }
}
