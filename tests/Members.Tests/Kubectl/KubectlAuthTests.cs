using Federation.Members.Simulation;

namespace Federation.Members.Tests.Kubectl;

public sealed class KubectlAuthTests
{
    [Fact]
    public async Task A_wrong_token_is_refused_as_unauthorized()
    {
        await using var cluster = await SimulatedMemberCluster.StartAsync(new SimulatedMemberOptions { Nodes = 1, RequireToken = true, Tls = true });
        using var kubectl = new Kubectl(cluster);
        var ok = await kubectl.RunAsync("get", "nodes");
        Assert.True(ok.ExitCode == 0, ok.Error);

        var refused = await kubectl.RunAsync("get", "nodes", "--token=wrong");
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("You must be logged in to the server (Unauthorized)", refused.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_read_only_context_reads_and_is_forbidden_to_write()
    {
        await using var cluster = await SimulatedMemberCluster.StartAsync(new SimulatedMemberOptions { Name = "east", Nodes = 1, RequireToken = true, Tls = true });
        using var kubectl = new Kubectl(cluster);
        var read = await kubectl.RunAsync("--context", "east-readonly", "get", "deployments");
        Assert.True(read.ExitCode == 0, read.Error);

        var write = await kubectl.RunAsync("--context", "east-readonly", "create", "deployment", "web", "--image=nginx");
        Assert.NotEqual(0, write.ExitCode);
        Assert.Contains("deployments.apps is forbidden: User \"east-readonly\" cannot create resource \"deployments\" in API group \"apps\" in the namespace \"default\"", write.Error, StringComparison.Ordinal);
        Assert.Equal(0, cluster.SpecReplicas("default", "web"));
    }
}
