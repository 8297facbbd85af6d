using k8s;
using k8s.Autorest;

namespace Federation.Members.Tests.Simulation;

public sealed class PagingTests
{
    [Fact]
    public async Task Pages_of_a_list_come_from_one_snapshot_in_key_order()
    {
        await using var sim = await Sim.StartAsync(new() { PodStartupDelay = TimeSpan.FromMilliseconds(50), Nodes = 1 });
        foreach (var name in new[] { "e", "a", "d", "b", "c" })
        {
            await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment(name, 0), "default");
        }

        var first = await sim.Client.AppsV1.ListNamespacedDeploymentAsync("default", limit: 2);
        Assert.Equal(["a", "b"], first.Items.Select(d => d.Metadata.Name));
        Assert.Equal(3, first.Metadata.RemainingItemCount);

        // Changes after the first page do not show up in later pages of the same list.
        await sim.Client.AppsV1.DeleteNamespacedDeploymentAsync("c", "default");
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("bb", 0), "default");
        var second = await sim.Client.AppsV1.ListNamespacedDeploymentAsync("default", limit: 2, continueParameter: first.Metadata.ContinueProperty);
        Assert.Equal(["c", "d"], second.Items.Select(d => d.Metadata.Name));
        Assert.Equal(first.Metadata.ResourceVersion, second.Metadata.ResourceVersion);
        var last = await sim.Client.AppsV1.ListNamespacedDeploymentAsync("default", limit: 2, continueParameter: second.Metadata.ContinueProperty);
        Assert.Equal(["e"], last.Items.Select(d => d.Metadata.Name));
        Assert.Null(last.Metadata.ContinueProperty);
    }

    [Fact]
    public async Task A_continue_token_older_than_a_compaction_is_410_Expired_with_a_token_to_go_on()
    {
        await using var sim = await Sim.StartAsync(new() { PodStartupDelay = TimeSpan.FromMilliseconds(50), Nodes = 1 });
        foreach (var name in new[] { "a", "b", "c" })
        {
            await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment(name, 0), "default");
        }

        var first = await sim.Client.AppsV1.ListNamespacedDeploymentAsync("default", limit: 1);
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("bb", 0), "default");
        sim.Cluster.Compact();
        var e = await Assert.ThrowsAsync<HttpOperationException>(() =>
            sim.Client.AppsV1.ListNamespacedDeploymentAsync("default", limit: 1, continueParameter: first.Metadata.ContinueProperty));
        Assert.Equal(System.Net.HttpStatusCode.Gone, e.Response.StatusCode);
        var status = System.Text.Json.Nodes.JsonNode.Parse(e.Response.Content)!;
        Assert.Equal("Expired", status["reason"]!.GetValue<string>());

        // The token in the 410 continues from the same key, in the current state.
        var rest = await sim.Client.AppsV1.ListNamespacedDeploymentAsync("default", continueParameter: status["metadata"]!["continue"]!.GetValue<string>());
        Assert.Equal(["b", "bb", "c"], rest.Items.Select(d => d.Metadata.Name));
    }

    [Fact]
    public async Task Kubectl_get_with_chunk_size_2_prints_every_pod_once()
    {
        await using var sim = await Sim.StartAsync();
        using var kubectl = new Federation.Members.Tests.Kubectl.Kubectl(sim.Cluster);
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 5), "default");
        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "web") == 5, "5 ready");

        var pods = await kubectl.RunAsync("get", "pods", "--chunk-size=2", "-o", "name");
        Assert.True(pods.ExitCode == 0, pods.Error);
        var names = pods.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(5, names.Length);
        Assert.Equal(5, names.Distinct().Count());

        var table = await kubectl.RunAsync("get", "pods", "--chunk-size=2");
        Assert.Equal(6, table.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}
