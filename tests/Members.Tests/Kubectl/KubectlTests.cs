using System.Text.RegularExpressions;
using Federation.Members.Simulation;
using Federation.Members.Tests.Simulation;
using k8s;

namespace Federation.Members.Tests.Kubectl;

public sealed class KubectlTests
{
    private const string Manifest = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels:
            app: web
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: main
                image: nginx:1.27
                resources:
                  requests:
                    cpu: 100m
                    memory: 64Mi
        """;

    [Fact]
    public async Task Get_prints_the_real_columns_for_deployments_pods_and_nodes()
    {
        await using var sim = await Sim.StartAsync();
        using var kubectl = new Kubectl(sim.Cluster);
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 2), "default");
        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "web") == 2, "web ready");

        var deployments = await kubectl.RunAsync("get", "deployments");
        Assert.True(deployments.ExitCode == 0, deployments.Error);
        Assert.Matches(@"^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\n", deployments.Output);
        Assert.Matches(@"\nweb\s+2/2\s+2\s+2\s+\d+s\n", deployments.Output);

        var pods = await kubectl.RunAsync("get", "pods");
        Assert.Matches(@"^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\n", pods.Output);
        Assert.Equal(2, Regex.Matches(pods.Output, @"\nweb-\w+-\w+\s+1/1\s+Running\s+0\s+\d+s").Count);

        var nodes = await kubectl.RunAsync("get", "nodes");
        Assert.Matches(@"^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\n", nodes.Output);
        Assert.Matches(@"\nmember-node-1\s+Ready\s+<none>\s+\d+s\s+v1\.\d+", nodes.Output);

        var wide = await kubectl.RunAsync("get", "deployments", "-o", "wide");
        Assert.Matches(@"\nweb\s+2/2\s+2\s+2\s+\d+s\s+main\s+nginx:1\.27\s+app=web\n", wide.Output);
    }

    [Fact]
    public async Task Get_watch_prints_a_new_line_when_the_deployment_changes()
    {
        await using var sim = await Sim.StartAsync();
        using var kubectl = new Kubectl(sim.Cluster);
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 1), "default");
        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "web") == 1, "web ready");

        using var process = kubectl.Start("get", "deployment", "web", "-w");
        var lines = new List<string>();
        var reading = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                lock (lines)
                {
                    lines.Add(line);
                }
            }
        });
        try
        {
            await Eventually.WaitAsync(() => { lock (lines) { return lines.Any(l => l.StartsWith("web", StringComparison.Ordinal)); } }, "the initial row");
            await sim.Client.AppsV1.PatchNamespacedDeploymentScaleAsync(new k8s.Models.V1Patch("""{"spec":{"replicas":3}}""", k8s.Models.V1Patch.PatchType.MergePatch), "web", "default");
            await Eventually.WaitAsync(() => { lock (lines) { return lines.Any(l => Regex.IsMatch(l, @"^web\s+3/3\s")); } }, "a row showing 3/3");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        await reading;
    }

    [Fact]
    public async Task Scale_changes_the_deployment_replicas()
    {
        await using var sim = await Sim.StartAsync();
        using var kubectl = new Kubectl(sim.Cluster);
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 1), "default");
        var result = await kubectl.RunAsync("scale", "deployment", "web", "--replicas=4");
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("deployment.apps/web scaled", result.Output, StringComparison.Ordinal);
        Assert.Equal(4, sim.Cluster.SpecReplicas("default", "web"));
        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "web") == 4, "4 ready");
    }

    [Fact]
    public async Task Apply_server_side_creates_then_updates_and_reports_conflicts()
    {
        await using var sim = await Sim.StartAsync();
        using var kubectl = new Kubectl(sim.Cluster);
        var file = kubectl.WriteFile("web.yaml", Manifest);

        var created = await kubectl.RunAsync("apply", "--server-side", "--validate=false", "-f", file);
        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Contains("deployment.apps/web serverside-applied", created.Output, StringComparison.Ordinal);
        Assert.Equal(2, sim.Cluster.SpecReplicas("default", "web"));

        kubectl.WriteFile("web.yaml", Manifest.Replace("replicas: 2", "replicas: 3", StringComparison.Ordinal));
        var updated = await kubectl.RunAsync("apply", "--server-side", "--validate=false", "-f", file);
        Assert.True(updated.ExitCode == 0, updated.Error);
        Assert.Equal(3, sim.Cluster.SpecReplicas("default", "web"));

        await sim.Client.AppsV1.PatchNamespacedDeploymentAsync(new k8s.Models.V1Patch("""{"spec":{"replicas":7}}""", k8s.Models.V1Patch.PatchType.MergePatch), "web", "default", fieldManager: "autoscaler");
        var conflict = await kubectl.RunAsync("apply", "--server-side", "--validate=false", "-f", file);
        Assert.NotEqual(0, conflict.ExitCode);
        Assert.Contains("conflict with \"autoscaler\"", conflict.Error, StringComparison.Ordinal);

        var forced = await kubectl.RunAsync("apply", "--server-side", "--force-conflicts", "--validate=false", "-f", file);
        Assert.True(forced.ExitCode == 0, forced.Error);
        Assert.Equal(3, sim.Cluster.SpecReplicas("default", "web"));
    }

    [Fact]
    public async Task Create_from_a_file_then_delete()
    {
        await using var sim = await Sim.StartAsync();
        using var kubectl = new Kubectl(sim.Cluster);
        var file = kubectl.WriteFile("web.yaml", Manifest);

        var created = await kubectl.RunAsync("create", "--validate=false", "-f", file);
        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Contains("deployment.apps/web created", created.Output, StringComparison.Ordinal);
        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "web") == 2, "web ready");

        var again = await kubectl.RunAsync("create", "--validate=false", "-f", file);
        Assert.NotEqual(0, again.ExitCode);
        Assert.Contains("AlreadyExists", again.Error, StringComparison.Ordinal);

        var deleted = await kubectl.RunAsync("delete", "deployment", "web");
        Assert.True(deleted.ExitCode == 0, deleted.Error);
        Assert.Contains("deployment.apps \"web\" deleted", deleted.Output, StringComparison.Ordinal);
        Assert.Equal(0, sim.Cluster.SpecReplicas("default", "web"));

        var missing = await kubectl.RunAsync("get", "deployment", "web");
        Assert.NotEqual(0, missing.ExitCode);
        Assert.Contains("NotFound", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Kubeconfig_context_is_named_after_the_member()
    {
        await using var cluster = await SimulatedMemberCluster.StartAsync(new SimulatedMemberOptions { Name = "east", Nodes = 1 });
        using var kubectl = new Kubectl(cluster);
        var context = await kubectl.RunAsync("config", "current-context");
        Assert.Equal("east", context.Output.Trim());
        var version = await kubectl.RunAsync("version", "-o", "json");
        Assert.True(version.ExitCode == 0, version.Error);
        Assert.Contains("\"serverVersion\"", version.Output, StringComparison.Ordinal);
    }
}
