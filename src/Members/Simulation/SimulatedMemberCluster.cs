using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Federation.Members.Simulation;

/// <summary>
/// A small Kubernetes API server on loopback with a built-in deployment controller, scheduler and
/// kubelet, that the real KubernetesClient and kubectl use unchanged; plus fault injection.
/// </summary>
public sealed class SimulatedMemberCluster : IAsyncDisposable
{
    // Events retained per kind: a watcher may fall this far behind before it gets 410 Gone and
    // must re-list (the real API server's watch cache is far smaller).
    private const int EventWindow = 50_000;

    private readonly WebApplication _app;
    private readonly ClusterEngine _engine;
    private readonly FaultState _faults;

    private readonly Authentication _auth;
    private readonly System.Security.Cryptography.X509Certificates.X509Certificate2? _certificate;

    private SimulatedMemberCluster(SimulatedMemberOptions options, WebApplication app, ClusterEngine engine, FaultState faults, Authentication auth, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate)
    {
        _certificate = certificate;
        Name = options.Name;
        _auth = auth;
        _app = app;
        _engine = engine;
        _faults = faults;
    }

    public string Name { get; }

    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    public string Kubeconfig => SimulatorKubeconfig.Render(Name, Url, _auth.Token, _auth.ReadOnlyToken, _certificate is null ? null : SimulatorCertificate.AuthorityData(_certificate));

    /// <summary>The admin bearer token (the kubeconfig carries it).</summary>
    public string Token => _auth.Token;

    /// <summary>A bearer token that may read everything and write nothing (403).</summary>
    public string ReadOnlyToken => _auth.ReadOnlyToken;

    internal ClusterEngine Engine => _engine;

    public static async Task<SimulatedMemberCluster> StartAsync(SimulatedMemberOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var store = new ObjectStore(EventWindow);
        var engine = new ClusterEngine(store, options.Time, options.PodStartupDelay);
        var faults = new FaultState(options.Time);
        lock (store.Gate)
        {
            foreach (var ns in NamespaceOps.Defaults)
            {
                NamespaceOps.Create(engine, new k8s.Models.V1Namespace { Metadata = new k8s.Models.V1ObjectMeta { Name = ns } });
            }
        }

        for (var i = 1; i <= options.Nodes; i++)
        {
            engine.AddNode($"{options.Name}-node-{i}", options.NodeMilliCpu, options.NodeMemoryBytes);
        }

        // No watching of appsettings for changes: the watcher follows every file under the working
        // directory, data directory included, and would wake on each state write.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<Microsoft.Extensions.Hosting.IHostLifetime, EmbeddedLifetime>();
        var certificate = options.Tls ? SimulatorCertificate.Create(options.Name) : null;
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, options.Port, l =>
            {
                if (certificate is not null)
                {
                    l.UseHttps(certificate);
                }
            });
            k.Limits.MaxRequestBodySize = 64 << 20;
        });
        var app = builder.Build();
        var auth = new Authentication(options.Name, options.Token ?? Authentication.NewToken(), options.ReadOnlyToken ?? Authentication.NewToken(), options.RequireToken);
        var cluster = new SimulatedMemberCluster(options, app, engine, faults, auth, certificate);
        var admin = new AdminRoutes(engine, faults);
        var router = new ApiRouter(engine, faults, admin, auth, () => cluster.Url.Authority);
        app.Run(router.HandleAsync);
        try
        {
            await app.StartAsync(ct);
        }
        catch
        {
            await engine.DisposeAsync();
            await app.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        cluster.Url = new Uri($"{(certificate is null ? "http" : "https")}://127.0.0.1:{new Uri(address).Port}");
        return cluster;
    }

    public void WriteKubeconfig(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path));
        if (dir is not null)
        {
            Directory.CreateDirectory(dir);
        }

        File.WriteAllText(path, Kubeconfig);
    }

    public void SetOutage(OutageMode mode, TimeSpan? duration = null) => _faults.SetOutage(mode, duration);

    public void Recover() => _faults.Recover();

    /// <exception cref="InvalidOperationException">A node of that name exists.</exception>
    /// <exception cref="ArgumentException">CPU or memory is not positive.</exception>
    public void AddNode(string name, long milliCpu, long memoryBytes) => Translate(() => _engine.AddNode(name, milliCpu, memoryBytes));

    /// <exception cref="InvalidOperationException">No such node.</exception>
    public void RemoveNode(string name) => Translate(() => _engine.RemoveNode(name));

    /// <exception cref="InvalidOperationException">No such node.</exception>
    public void SetNodeReady(string name, bool ready) => Translate(() => _engine.SetNodeReady(name, ready));

    public void SetLatency(TimeSpan latency) => _faults.Latency = latency;

    public void SetDeploymentUnhealthy(string ns, string name, bool unhealthy) => _engine.SetDeploymentUnhealthy(ns, name, unhealthy);

    /// <summary>Makes pods of an image never ready (<paramref name="ready"/> false) or crash-loop, as a bad release would; ready and no crash clears it.</summary>
    public void SetImage(string image, bool ready, bool crash = false) => _engine.SetImage(image, ready, crash);

    public int ReadyReplicas(string ns, string name) => _engine.ReadyReplicas(ns, name);

    /// <summary>The first container image of a Deployment's template (null when absent).</summary>
    public string? DeploymentImage(string ns, string name) => _engine.DeploymentImage(ns, name);

    public int SpecReplicas(string ns, string name) => _engine.SpecReplicas(ns, name);

    /// <summary>Every Deployment of a namespace: name → (spec replicas, ready replicas), read at one moment, and the store's resourceVersion then.</summary>
    public (IReadOnlyDictionary<string, (int Spec, int Ready)> Replicas, long Version) DeploymentReplicas(string ns) => _engine.DeploymentReplicas(ns);

    /// <summary>
    /// The Deployments of a namespace changed after resourceVersion <paramref name="since"/>, each once with what it
    /// holds now (name, spec and ready replicas; 0 and 0 when deleted), and the version to ask from next; null when the store's event window no
    /// longer reaches back that far (read them whole then).
    /// </summary>
    public (IReadOnlyList<(string Name, int Spec, int Ready)> Changes, long Version)? DeploymentChanges(string ns, long since) =>
        _engine.DeploymentChanges(ns, since) is { } c ? (c.Changes, c.Version) : null;

    /// <summary>A StatefulSet's pods on this member: ordinal → Ready.</summary>
    public IReadOnlyDictionary<int, bool> StatefulPods(string ns, string name) => _engine.StatefulPods(ns, name);

    /// <summary>Forgets the retained watch events, as an etcd compaction does: older resourceVersions get 410 Gone.</summary>
    public void Compact()
    {
        lock (_engine.Store.Gate)
        {
            _engine.Store.Compact();
        }
    }

    // The engine speaks in API errors; callers of this class get ordinary .NET exceptions.
    private static void Translate(Action action)
    {
        try
        {
            action();
        }
        catch (ApiException e) when (e.Code == 400)
        {
            throw new ArgumentException(e.Message, e);
        }
        catch (ApiException e)
        {
            throw new InvalidOperationException(e.Message, e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _faults.Shutdown();
        await _app.StopAsync(CancellationToken.None);
        _faults.Dispose();
        await _app.DisposeAsync();
        await _engine.DisposeAsync();
        _certificate?.Dispose();
    }
}
