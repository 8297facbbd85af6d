using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Serialization;
using Federation.Grains;
using Federation.Hosting;
using Federation.Members.Simulation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Federation.Tests.ControlPlane;

/// <summary>
/// A host (in-process silo + REST API over real HTTP) and simulated member clusters, with
/// short probe and resync intervals so that tests run in seconds. The host can be stopped
/// and started again on the same data directory, as after a crash.
/// </summary>
public sealed class Fleet : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private readonly FederationOptions _options;
    private WebApplication? _host;

    private Fleet(FederationOptions options, List<SimulatedMemberCluster> members)
    {
        _options = options;
        Members = members;
        Api = new HttpClient { BaseAddress = new Uri(options.ApiUrls), Timeout = TimeSpan.FromSeconds(30) };
    }

    public HttpClient Api { get; }

    public string Url => _options.ApiUrls;

    /// <summary>The host's data directory (embedded mode).</summary>
    public string DataDir => _options.DataDir;

    /// <summary>The running host's grains, for tests of grain behaviour that no route exposes.</summary>
    public IGrainFactory Grains => _host!.Services.GetRequiredService<IGrainFactory>();

    /// <summary>The running host's services (its endpoints, for tests that enumerate them).</summary>
    public IServiceProvider Services => _host!.Services;

    public IReadOnlyList<SimulatedMemberCluster> Members { get; }

    public SimulatedMemberCluster this[string name] => Members.Single(m => m.Name == name);

    public static async Task<Fleet> StartAsync(
        string[]? names = null,
        TimeSpan? podStartup = null,
        long nodeMilliCpu = 4000,
        Action<FederationOptions>? configure = null)
    {
        names ??= ["east", "west", "central"];
        var members = new List<SimulatedMemberCluster>();
        foreach (var name in names)
        {
            members.Add(await SimulatedMemberCluster.StartAsync(new SimulatedMemberOptions
            {
                Name = name,
                Nodes = 2,
                NodeMilliCpu = nodeMilliCpu,
                PodStartupDelay = podStartup ?? TimeSpan.FromMilliseconds(150),
            }));
        }

        var options = new FederationOptions
        {
            DataDir = Path.Combine(Path.GetTempPath(), "federation-tests", Guid.NewGuid().ToString("N")),
            ApiUrls = $"http://127.0.0.1:{FreePort()}",
            SiloPort = FreePort(),
            GatewayPort = FreePort(),
            ProbeInterval = TimeSpan.FromMilliseconds(200),
            CapacityInterval = TimeSpan.FromSeconds(1),
            CapacityIdleInterval = TimeSpan.FromSeconds(6),
            FailureThreshold = 2,
            SuccessThreshold = 2,
            ResyncInterval = TimeSpan.FromMilliseconds(500),

            // Scaled down with the fast pace (as 5 s → 60 s in production): settled applications still back off.
            SteadyResyncInterval = TimeSpan.FromSeconds(5),
            ReservationTtl = TimeSpan.FromSeconds(2),
            MemberWritesPerSecond = 200,
            SurvivabilityInterval = TimeSpan.FromSeconds(1),

            // Most tests are about the control plane, not its front door: anonymous on loopback.
            // AuthTests configure tokens, which turn anonymous access off.
            AllowAnonymous = true,
        };
        configure?.Invoke(options);
        for (var attempt = 1; ; attempt++)
        {
            var fleet = new Fleet(options, members);
            try
            {
                await fleet.StartHostAsync();
                return fleet;
            }
            catch (Exception e) when (attempt < 3 && e.ToString().Contains("Address already in use", StringComparison.OrdinalIgnoreCase))
            {
                // A port picked as free was taken by a parallel test before the host bound it.
                fleet.Api.Dispose();
                options.ApiUrls = $"http://127.0.0.1:{FreePort()}";
                options.SiloPort = FreePort();
                options.GatewayPort = FreePort();
            }
        }
    }

    public async Task StartHostAsync()
    {
        // Orleans reports every abrupt stop at length; the tests assert on behaviour instead.
        _host = FederationHost.Build(_options, services => services.AddLogging(b => b.AddFilter("Orleans", LogLevel.Critical)));
        await _host.StartAsync();
    }

    /// <summary>Stops the host abruptly-ish: the silo goes away with whatever was in flight.</summary>
    public async Task StopHostAsync()
    {
        if (_host is not null)
        {
            await _host.StopAsync(new CancellationToken(canceled: true));
            await _host.DisposeAsync();
            _host = null;
        }
    }

    public async Task JoinAllAsync()
    {
        string[] regions = ["us", "us", "eu", "eu", "ap"];
        for (var i = 0; i < Members.Count; i++)
        {
            var m = Members[i];
            var response = await Api.PostAsJsonAsync("/api/v1/clusters", new
            {
                name = m.Name,
                server = m.Url.ToString(),
                labels = new Dictionary<string, string> { ["region"] = regions[i % regions.Length], ["zone"] = $"z{i}" },
            });
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }
    }

    public async Task<HttpResponseMessage> PutApplicationAsync(string ns, string name, object body) =>
        await Api.PutAsJsonAsync($"/api/v1/namespaces/{ns}/applications/{name}", body);

    public async Task<ApplicationView?> GetApplicationAsync(string ns, string name)
    {
        var response = await Api.GetAsync($"/api/v1/namespaces/{ns}/applications/{name}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<ApplicationView>(Json) : null;
    }

    public async Task<ClusterView?> GetClusterAsync(string name)
    {
        var response = await Api.GetAsync($"/api/v1/clusters/{name}");
        return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<ClusterView>(Json) : null;
    }

    public int SpecTotal(string ns, string name) => Members.Sum(m => m.SpecReplicas(ns, name));

    public int ReadyTotal(string ns, string name) => Members.Sum(m => m.ReadyReplicas(ns, name));

    /// <summary>A Deployment template; requests 100m CPU and 64Mi per pod unless told otherwise.</summary>
    public static object Template(string name, string image = "nginx:1.27", string cpu = "100m") => new
    {
        apiVersion = "apps/v1",
        kind = "Deployment",
        metadata = new { name, labels = new Dictionary<string, string> { ["app"] = name } },
        spec = new
        {
            selector = new { matchLabels = new Dictionary<string, string> { ["app"] = name } },
            template = new
            {
                metadata = new { labels = new Dictionary<string, string> { ["app"] = name } },
                spec = new
                {
                    containers = new[]
                    {
                        new { name, image, resources = new { requests = new Dictionary<string, string> { ["cpu"] = cpu, ["memory"] = "64Mi" } } },
                    },
                },
            },
        },
    };

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _host.StopAsync(grace.Token);
            await _host.DisposeAsync();
            _host = null;
        }

        Api.Dispose();
        foreach (var m in Members)
        {
            await m.DisposeAsync();
        }

        try
        {
            Directory.Delete(_options.DataDir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory.
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
