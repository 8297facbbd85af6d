using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Federation.Members.Simulation;

namespace Federation.Hosting;

/// <summary>
/// <c>federation bench failover</c>: an in-process host with three simulated members and many
/// applications; one member goes dark, and the figures say how long until every application runs
/// all its replicas on the others again — the rate limiter on member writes at work.
/// </summary>
public static class FailoverBenchmark
{
    public static async Task<int> RunAsync(int applications, TextWriter output, CancellationToken ct)
    {
        string[] names = ["east", "west", "central"];
        var sims = new List<SimulatedMemberCluster>();
        foreach (var name in names)
        {
            sims.Add(await SimulatedMemberCluster.StartAsync(
                new SimulatedMemberOptions { Name = name, Nodes = 20, NodeMilliCpu = 64_000, NodeMemoryBytes = 256L << 30, PodStartupDelay = TimeSpan.FromMilliseconds(200) },
                ct));
        }

        var dataDir = Path.Combine(Path.GetTempPath(), "federation-bench-" + Guid.NewGuid().ToString("N"));
        var options = new FederationOptions
        {
            DataDir = dataDir,
            ApiUrls = $"http://127.0.0.1:{FreePort()}",
            SiloPort = FreePort(),
            GatewayPort = FreePort(),
            ProbeInterval = TimeSpan.FromMilliseconds(500),
            FailureThreshold = 2,
            ResyncInterval = TimeSpan.FromSeconds(5),
        };
        var app = FederationHost.Build(options, s => s.AddLogging(b => b.SetMinimumLevel(LogLevel.Error)));
        await app.StartAsync(ct);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(options.ApiUrls) };
            foreach (var sim in sims)
            {
                (await http.PostAsJsonAsync("/api/v1/clusters", new { name = sim.Name, server = sim.Url.ToString() }, ct)).EnsureSuccessStatusCode();
            }

            var keys = Enumerable.Range(0, applications).Select(i => $"app{i:D5}").ToList();
            var started = Stopwatch.StartNew();
            await Parallel.ForEachAsync(keys, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (key, token) =>
            {
                using var body = new StringContent(Body(key), System.Text.Encoding.UTF8, "application/json");
                (await http.PutAsync($"/api/v1/namespaces/bench/applications/{key}", body, token)).EnsureSuccessStatusCode();
            });
            await WaitAsync(() => keys.All(k => sims.Sum(s => s.ReadyReplicas("bench", k)) == 3), TimeSpan.FromMinutes(10), ct);
            output.WriteLine($"{applications} applications x 3 replicas placed and ready in {started.Elapsed.TotalSeconds:0.0}s");

            var dark = sims[1];
            var lost = keys.Sum(k => dark.SpecReplicas("bench", k));
            var failedAt = Stopwatch.StartNew();
            dark.SetOutage(OutageMode.Refuse);
            var others = sims.Where(s => s != dark).ToList();
            await WaitAsync(() => keys.All(k => others.Sum(s => s.ReadyReplicas("bench", k)) == 3), TimeSpan.FromMinutes(10), ct);
            output.WriteLine(
                $"member {dark.Name} dark with {lost} replicas: all {applications} applications fully ready elsewhere after {failedAt.Elapsed.TotalSeconds:0.0}s " +
                $"(detection: {options.FailureThreshold} probes x {options.ProbeInterval.TotalMilliseconds:0} ms, failoverAfter 1s, member writes limited to {options.MemberWritesPerSecond}/s per member)");
            return 0;
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            foreach (var sim in sims)
            {
                await sim.DisposeAsync();
            }

            Directory.Delete(dataDir, recursive: true);
        }
    }

    private static string Body(string name) => """
        {"replicas":3,"failoverAfter":"1s","placement":{"strategy":"Weighted"},
         "template":{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"NAME"},
           "spec":{"selector":{"matchLabels":{"app":"NAME"}},"template":{"metadata":{"labels":{"app":"NAME"}},
             "spec":{"containers":[{"name":"c","image":"nginx:1.27","resources":{"requests":{"cpu":"10m","memory":"16Mi"}}}]}}}}}
        """.Replace("NAME", name, StringComparison.Ordinal);

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while (!condition())
        {
            if (deadline.Elapsed > timeout)
            {
                throw new TimeoutException($"not reached within {timeout}");
            }

            await Task.Delay(100, ct);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
