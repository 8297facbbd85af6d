using Federation.Members.Client;
using Federation.Members.Simulation;

namespace Federation.Members.Tests.Client.Simulated;

/// <summary>A simulated member on a free port and clients for it, tuned for quick tests.</summary>
internal sealed class SimulatedMember : IAsyncDisposable
{
    private readonly List<IMemberClient> _clients = [];

    private SimulatedMember(SimulatedMemberCluster cluster) => Cluster = cluster;

    /// <summary>Short timeouts and back-off, so that fault tests finish in seconds.</summary>
    public static MemberClientOptions Quick { get; } = new()
    {
        RequestTimeout = TimeSpan.FromSeconds(3),
        OperationTimeout = TimeSpan.FromSeconds(8),
        ProbeTimeout = TimeSpan.FromSeconds(1),
        RetryAttempts = 2,
        RetryBaseDelay = TimeSpan.FromMilliseconds(50),
        RetryMaxDelay = TimeSpan.FromMilliseconds(200),
        WatchReconnectBaseDelay = TimeSpan.FromMilliseconds(100),
        WatchReconnectMaxDelay = TimeSpan.FromMilliseconds(400),
        WatchIdleTimeout = TimeSpan.FromSeconds(30),
    };

    public SimulatedMemberCluster Cluster { get; }

    public string Name => Cluster.Name;

    public static async Task<SimulatedMember> StartAsync(string name, SimulatedMemberOptions? options = null)
    {
        var cluster = await SimulatedMemberCluster.StartAsync((options ?? new SimulatedMemberOptions()) with { Name = name, Port = 0 });
        return new SimulatedMember(cluster);
    }

    /// <summary>A client built from the member's kubeconfig, as the federation builds it.</summary>
    public IMemberClient Client(MemberClientOptions? options = null)
    {
        var client = MemberClientFactory.Create(new MemberConnection(Name, Kubeconfig: Cluster.Kubeconfig), options ?? Quick);
        _clients.Add(client);
        return client;
    }

    /// <summary>A plain KubernetesClient, for what the member client deliberately cannot do (e.g. unmanaged objects).</summary>
    public k8s.Kubernetes Raw() => new(new k8s.KubernetesClientConfiguration { Host = Cluster.Url.ToString() });

    public async ValueTask DisposeAsync()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        await Cluster.DisposeAsync();
    }
}
