using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;

namespace Federation.Members.Simulation;

/// <summary>
/// Loads one simulated member with many Deployments (default 10,000 x 10 replicas on large nodes)
/// and reports convergence time, list latency, watch event latency and memory per pod.
/// The host exposes it as <c>federation bench sim</c>.
/// </summary>
public static class SimulatorBenchmark
{
    private const int Namespaces = 100;

    public static async Task<int> RunAsync(TextWriter output, int deployments = 10_000, int replicas = 10, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        var pods = (long)deployments * replicas;
        var nodes = (int)Math.Max(1, pods / 5_000);
        var baseline = Memory();
        await using var sim = await SimulatedMemberCluster.StartAsync(new SimulatedMemberOptions
        {
            Name = "bench",
            Nodes = nodes,
            NodeMilliCpu = 1_000_000,
            NodeMemoryBytes = 1L << 40,
            PodStartupDelay = TimeSpan.FromMilliseconds(10),
        }, ct);
        using var http = new HttpClient { BaseAddress = sim.Url, Timeout = TimeSpan.FromMinutes(5) };
        await output.WriteLineAsync($"simulated member at {sim.Url}: {nodes} nodes, {deployments} deployments x {replicas} replicas = {pods} pods");

        await Latencies(http, "/apis/apps/v1/namespaces/default/deployments", 20, ct); // warm-up
        var idle = await Latencies(http, "/apis/apps/v1/namespaces/default/deployments", 50, ct);
        var idleWatch = await WatchLatency(http, 20, ct);

        for (var n = 0; n < Namespaces; n++)
        {
            await Post(http, "/api/v1/namespaces", "{\"metadata\":{\"name\":\"bench-" + n.ToString("00", CultureInfo.InvariantCulture) + "\"}}", ct);
        }

        var clock = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, deployments), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (i, token) =>
            await Post(http, $"/apis/apps/v1/namespaces/bench-{i % Namespaces:00}/deployments", Manifest($"app-{i:00000}", replicas), token));
        var created = clock.Elapsed;
        await sim.Engine.WaitIdleAsync(ct);
        while (sim.Engine.ReadyPods() < pods)
        {
            await Task.Delay(100, ct);
        }

        var converged = clock.Elapsed;
        await output.WriteLineAsync($"created {deployments} deployments in {created.TotalSeconds:F1} s ({deployments / created.TotalSeconds:F0}/s); all {pods} pods ready after {converged.TotalSeconds:F1} s");

        var state = Memory();
        await output.WriteLineAsync($"managed memory after full GC: {(state - baseline) / (1 << 20)} MiB, {(state - baseline) / pods} bytes per pod (state, event window, no JSON cache of pods)");

        var one = await Latencies(http, "/apis/apps/v1/namespaces/bench-07/deployments/app-00007", 50, ct);
        var selected = await Latencies(http, "/apis/apps/v1/namespaces/bench-07/deployments?labelSelector=app%3Dapp-00007", 50, ct);
        var ns = await Latencies(http, "/apis/apps/v1/namespaces/bench-07/deployments", 20, ct);
        var allDeployments = await Latencies(http, "/apis/apps/v1/deployments", 5, ct);
        var allPods = await Latencies(http, "/api/v1/pods", 3, ct);
        var loadedWatch = await WatchLatency(http, 50, ct);
        var cached = Memory();
        var info = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        await output.WriteLineAsync($"gc: heap {info.HeapSizeBytes >> 20} MiB, fragmented {info.FragmentedBytes >> 20} MiB, generations (MiB) {string.Join("/", info.GenerationInfo.ToArray().Select(g => g.SizeAfterBytes >> 20))}");

        await output.WriteLineAsync($"LIST default namespace (idle cluster)   p50 {idle.P50:F2} ms  p99 {idle.P99:F2} ms");
        await output.WriteLineAsync($"GET one deployment (loaded)             p50 {one.P50:F2} ms  p99 {one.P99:F2} ms");
        await output.WriteLineAsync($"LIST one namespace, label selector      p50 {selected.P50:F2} ms  p99 {selected.P99:F2} ms");
        await output.WriteLineAsync($"LIST one namespace ({deployments / Namespaces} deployments)     p50 {ns.P50:F2} ms  p99 {ns.P99:F2} ms");
        await output.WriteLineAsync($"LIST all {deployments} deployments          p50 {allDeployments.P50:F1} ms  max {allDeployments.P99:F1} ms");
        await output.WriteLineAsync($"LIST all {pods} pods                p50 {allPods.P50:F1} ms  max {allPods.P99:F1} ms (first list renders and caches pod JSON)");
        await output.WriteLineAsync($"watch event latency (idle cluster)      p50 {idleWatch.P50:F2} ms  p99 {idleWatch.P99:F2} ms");
        await output.WriteLineAsync($"watch event latency (loaded)            p50 {loadedWatch.P50:F2} ms  p99 {loadedWatch.P99:F2} ms");
        await output.WriteLineAsync($"managed memory with JSON caches: {(cached - baseline) / (1 << 20)} MiB, {(cached - baseline) / pods} bytes per pod");
        return 0;
    }

    private static long Memory()
    {
        // Large response buffers of the measuring client leave the large-object heap fragmented; compact it.
        System.Runtime.GCSettings.LargeObjectHeapCompactionMode = System.Runtime.GCLargeObjectHeapCompactionMode.CompactOnce;
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private const string ManifestTemplate = """
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"NAME","labels":{"app":"NAME"}},"spec":{"replicas":REPLICAS,"selector":{"matchLabels":{"app":"NAME"}},"template":{"metadata":{"labels":{"app":"NAME"}},"spec":{"containers":[{"name":"main","image":"nginx:1.27","resources":{"requests":{"cpu":"100m","memory":"64Mi"}}}]}}}}
        """;

    private static string Manifest(string name, int replicas) => ManifestTemplate
        .Replace("NAME", name, StringComparison.Ordinal)
        .Replace("REPLICAS", replicas.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static async Task Post(HttpClient http, string path, string json, CancellationToken ct)
    {
        using var response = await http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"), ct);
        response.EnsureSuccessStatusCode();
    }

    private static async Task<(double P50, double P99)> Latencies(HttpClient http, string path, int runs, CancellationToken ct)
    {
        var samples = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            // Streamed to the last byte and dropped: buffering 100 MB bodies would measure the client, not the server.
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, ct);
            response.EnsureSuccessStatusCode();
            await using (var body = await response.Content.ReadAsStreamAsync(ct))
            {
                await body.CopyToAsync(Stream.Null, 64 * 1024, ct);
            }

            samples.Add(clock.Elapsed.TotalMilliseconds);
        }

        return Percentiles(samples);
    }

    /// <summary>Time from sending an annotation patch to reading its MODIFIED event on an open watch of all deployments.</summary>
    private static async Task<(double P50, double P99)> WatchLatency(HttpClient http, int runs, CancellationToken ct)
    {
        // The probe is addressed by the name it was created with: the store's tables belong to the
        // controller and may only be read under its gate.
        var probe = "probe-" + Guid.NewGuid().ToString("N")[..8];
        await Post(http, "/apis/apps/v1/namespaces/default/deployments", Manifest(probe, 0), ct);
        using var list = await http.GetAsync("/apis/apps/v1/namespaces/default/deployments", ct);
        var body = await list.Content.ReadAsStringAsync(ct);
        var at = body.IndexOf("\"resourceVersion\":\"", StringComparison.Ordinal) + 19;
        var rv = body[at..body.IndexOf('"', at)];
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/apis/apps/v1/deployments?watch=true&resourceVersion={rv}");
        using var watch = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        using var reader = new StreamReader(await watch.Content.ReadAsStreamAsync(ct));
        var samples = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var marker = $"\"bench/seq\":\"{i.ToString(CultureInfo.InvariantCulture)}\"";
            var clock = Stopwatch.StartNew();
            using var patch = new HttpRequestMessage(HttpMethod.Patch, $"/apis/apps/v1/namespaces/default/deployments/{probe}")
            {
                Content = new StringContent("{\"metadata\":{\"annotations\":{\"bench/seq\":\"" + i.ToString(CultureInfo.InvariantCulture) + "\"}}}", Encoding.UTF8),
            };
            patch.Content.Headers.ContentType = new MediaTypeHeaderValue("application/merge-patch+json");
            var sent = http.SendAsync(patch, ct);
            while (await reader.ReadLineAsync(ct) is { } line && !line.Contains(marker, StringComparison.Ordinal))
            {
            }

            samples.Add(clock.Elapsed.TotalMilliseconds);
            (await sent).EnsureSuccessStatusCode();
        }

        return Percentiles(samples);
    }

    private static (double P50, double P99) Percentiles(List<double> samples)
    {
        samples.Sort();
        return (samples[samples.Count / 2], samples[Math.Min(samples.Count - 1, (int)Math.Ceiling(samples.Count * 0.99) - 1)]);
    }
}
