using Federation.Members.Simulation;
using k8s;
using k8s.Models;

namespace Federation.Members.Tests.Simulation;

/// <summary>A simulator on a free port with a KubernetesClient pointed at it, for one test.</summary>
internal sealed class Sim : IAsyncDisposable
{
    private Sim(SimulatedMemberCluster cluster)
    {
        Cluster = cluster;
        Client = new Kubernetes(new KubernetesClientConfiguration { Host = cluster.Url.ToString() });
    }

    public SimulatedMemberCluster Cluster { get; }

    public Kubernetes Client { get; }

    public static async Task<Sim> StartAsync(SimulatedMemberOptions? options = null) =>
        new(await SimulatedMemberCluster.StartAsync(options ?? new SimulatedMemberOptions { PodStartupDelay = TimeSpan.FromMilliseconds(50) }));

    public static V1Deployment Deployment(string name, int replicas, string image = "nginx:1.27", string cpu = "100m", string memory = "64Mi") => new()
    {
        ApiVersion = "apps/v1",
        Kind = "Deployment",
        Metadata = new V1ObjectMeta { Name = name, Labels = new Dictionary<string, string> { ["app"] = name } },
        Spec = new V1DeploymentSpec
        {
            Replicas = replicas,
            Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
            Template = new V1PodTemplateSpec
            {
                Metadata = new V1ObjectMeta { Labels = new Dictionary<string, string> { ["app"] = name } },
                Spec = new V1PodSpec
                {
                    Containers =
                    [
                        new V1Container
                        {
                            Name = "main",
                            Image = image,
                            Resources = new V1ResourceRequirements
                            {
                                Requests = new Dictionary<string, ResourceQuantity> { ["cpu"] = new(cpu), ["memory"] = new(memory) },
                            },
                        },
                    ],
                },
            },
        },
    };

    public Task<V1Deployment> ReadAsync(string name, string ns = "default") => Client.AppsV1.ReadNamespacedDeploymentAsync(name, ns);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Cluster.DisposeAsync();
    }
}
