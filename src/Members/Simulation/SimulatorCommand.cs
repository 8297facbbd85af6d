namespace Federation.Members.Simulation;

/// <summary>Runs one simulated member cluster as its own process (<c>federation sim</c>).</summary>
public static class SimulatorCommand
{
    public static async Task<int> RunAsync(string name, int port, int nodes, long nodeMilliCpu, long nodeMemoryBytes, string kubeconfigPath, TextWriter output, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(output);
        SimulatedMemberCluster cluster;
        try
        {
            cluster = await SimulatedMemberCluster.StartAsync(new SimulatedMemberOptions
            {
                Name = name,
                Port = port,
                Nodes = nodes,
                NodeMilliCpu = nodeMilliCpu,
                NodeMemoryBytes = nodeMemoryBytes,
                RequireToken = true,
                Tls = true,
            }, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped while starting: nothing to clean up.
            return 0;
        }
        catch (IOException e)
        {
            await output.WriteLineAsync($"simulated member {name}: cannot listen on 127.0.0.1:{port}: {e.Message}");
            return 1;
        }

        await using (cluster)
        {
            cluster.WriteKubeconfig(kubeconfigPath);
            await output.WriteLineAsync($"simulated member {name} serving {cluster.Url}");
            await output.WriteLineAsync($"kubeconfig: {Path.GetFullPath(kubeconfigPath)}");
            await output.FlushAsync(ct);
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
            }
        }

        return 0;
    }
}
