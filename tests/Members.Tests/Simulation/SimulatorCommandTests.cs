using System.Net.Sockets;
using Federation.Members.Simulation;
using k8s;

namespace Federation.Members.Tests.Simulation;

public sealed class SimulatorCommandTests
{
    [Fact]
    public async Task Run_writes_a_usable_kubeconfig_prints_the_url_and_stops_on_cancel()
    {
        var dir = Directory.CreateTempSubdirectory("sim-command-").FullName;
        try
        {
            var path = Path.Combine(dir, "members", "east.kubeconfig");
            var text = new StringWriter();
            var output = TextWriter.Synchronized(text);
            string Printed()
            {
                lock (output)
                {
                    return text.ToString();
                }
            }

            using var cts = new CancellationTokenSource();
            var port = FreePort();
            var running = SimulatorCommand.RunAsync("east", port, 2, 2000, 4L << 30, path, output, cts.Token);
            await Eventually.WaitAsync(() => Printed().Contains("kubeconfig:", StringComparison.Ordinal) || running.IsCompleted, "the simulator to start");

            Assert.Contains($"https://127.0.0.1:{port}", Printed(), StringComparison.Ordinal);
            Assert.Contains(path, Printed(), StringComparison.Ordinal);
            using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(path));
            var nodes = await client.CoreV1.ListNodeAsync();
            Assert.Equal(["east-node-1", "east-node-2"], nodes.Items.Select(n => n.Metadata.Name));
            Assert.Equal(2m, nodes.Items[0].Status.Allocatable["cpu"].ToDecimal());

            // The process serves TLS and requires the kubeconfig's token.
            using var anonymous = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true });
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"https://127.0.0.1:{port}/api/v1/nodes")).StatusCode);

            await cts.CancelAsync();
            Assert.Equal(0, await running.WaitAsync(TimeSpan.FromSeconds(10)));
            await Assert.ThrowsAsync<HttpRequestException>(() => client.CoreV1.ListNodeAsync());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Run_on_a_port_in_use_fails_with_exit_code_1()
    {
        await using var other = await SimulatedMemberCluster.StartAsync(new SimulatedMemberOptions { Nodes = 1 });
        var output = new StringWriter();
        var code = await SimulatorCommand.RunAsync("west", other.Url.Port, 1, 1000, 1L << 30, Path.Combine(Path.GetTempPath(), $"{Guid.NewGuid():N}.kubeconfig"), output, CancellationToken.None);
        Assert.Equal(1, code);
        Assert.Contains("cannot listen", output.ToString(), StringComparison.Ordinal);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
