using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using Federation.Grains;
using Federation.Members.Simulation;

namespace Federation.Hosting;

/// <summary>An in-process host and its simulated members for the benchmarks; disposing stops both quietly.</summary>
internal sealed class BenchFleet : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDir;

    private BenchFleet(WebApplication app, FederationOptions options, IReadOnlyList<SimulatedMemberCluster> sims, string dataDir)
    {
        _app = app;
        _dataDir = dataDir;
        Options = options;
        Sims = sims;
        Http = new HttpClient { BaseAddress = new Uri(options.ApiUrls), Timeout = TimeSpan.FromMinutes(2) };
    }

    public FederationOptions Options { get; }

    public IReadOnlyList<SimulatedMemberCluster> Sims { get; }

    public HttpClient Http { get; }

    public MemberClientPool Clients => _app.Services.GetRequiredService<MemberClientPool>();

    /// <summary>Cancelled when the host is told to stop: SIGTERM or Ctrl-C reach its lifetime, not the bench's own token.</summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    public static async Task<BenchFleet> StartAsync(int members, CancellationToken ct)
    {
        var sims = new List<SimulatedMemberCluster>();
        for (var i = 0; i < members; i++)
        {
            sims.Add(await SimulatedMemberCluster.StartAsync(
                new SimulatedMemberOptions { Name = $"m{i:D3}", Nodes = 20, NodeMilliCpu = 64_000, NodeMemoryBytes = 256L << 30, PodStartupDelay = TimeSpan.FromMilliseconds(200) },
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
            ProbeTimeout = TimeSpan.FromSeconds(1),
            CapacityInterval = TimeSpan.FromSeconds(5),
            FailureThreshold = 2,
            ResyncInterval = TimeSpan.FromSeconds(5),
        };
        var token = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();
        options.Tokens["bench"] = "admin:" + token;
        // While the bench's host stops, member grains' last probes may still address the host grain
        // that has already gone, and with ten thousand activations some are offered to migrate to
        // another silo where there is none; Orleans logs each such message as an error with its trace.
        var app = FederationHost.Build(options, s => s.AddLogging(b => b.SetMinimumLevel(LogLevel.Error).AddFilter("Federation", LogLevel.Error)
            .AddFilter("Orleans.Messaging", LogLevel.Critical).AddFilter("Orleans.Grain", LogLevel.Critical)));
        await app.StartAsync(ct);
        var fleet = new BenchFleet(app, options, sims, dataDir);
        fleet.Http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        foreach (var sim in sims)
        {
            using var response = await fleet.Http.PostAsJsonAsync("/api/v1/clusters", new { name = sim.Name, server = sim.Url.ToString() }, ct);
            response.EnsureSuccessStatusCode();
        }

        return fleet;
    }

    /// <summary>Creates or scales application <paramref name="key"/> of namespace bench through the API.</summary>
    public async Task PutApplicationAsync(string key, int replicas, CancellationToken ct)
    {
        using var body = new StringContent(Body(key, replicas), System.Text.Encoding.UTF8, "application/json");
        using var response = await Http.PutAsync($"/api/v1/namespaces/bench/applications/{key}", body, ct);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Time from now until the host no longer calls the member Ready.</summary>
    public async Task<TimeSpan> WaitNotReadyAsync(string member, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        while (true)
        {
            using var doc = JsonDocument.Parse(await Http.GetStringAsync($"/api/v1/clusters/{member}", ct));
            if (doc.RootElement.GetProperty("state").GetString() != "Ready")
            {
                return watch.Elapsed;
            }

            await Task.Delay(50, ct);
        }
    }

    /// <summary>
    /// Until <paramref name="ct"/> ends, reads the members' states through the API every quarter
    /// second and collects the members other than <paramref name="dark"/> the host called anything
    /// but Ready: members that answer all along but looked lost to a host too busy to hear them.
    /// </summary>
    public async Task<IReadOnlySet<string>> WatchFalselyLostAsync(string dark, CancellationToken ct)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                using var doc = JsonDocument.Parse(await Http.GetStringAsync("/api/v1/clusters", ct));
                foreach (var member in doc.RootElement.EnumerateArray())
                {
                    var name = member.GetProperty("name").GetString()!;
                    if (name != dark && member.GetProperty("state").GetString() != "Ready")
                    {
                        seen.Add(name);
                    }
                }

                await Task.Delay(250, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
        }

        return seen;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        foreach (var sim in Sims)
        {
            await sim.DisposeAsync();
        }

        Directory.Delete(_dataDir, recursive: true);
    }

    internal static string Body(string name, int replicas) => """
        {"replicas":REPLICAS,"failoverAfter":"1s","placement":{"strategy":"Weighted"},
         "template":{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"NAME"},
           "spec":{"selector":{"matchLabels":{"app":"NAME"}},"template":{"metadata":{"labels":{"app":"NAME"}},
             "spec":{"containers":[{"name":"c","image":"nginx:1.27","resources":{"requests":{"cpu":"10m","memory":"16Mi"}}}]}}}}}
        """.Replace("NAME", name, StringComparison.Ordinal).Replace("REPLICAS", replicas.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
