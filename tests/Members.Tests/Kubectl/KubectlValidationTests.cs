using Federation.Members.Tests.Simulation;

namespace Federation.Members.Tests.Kubectl;

/// <summary>kubectl with validation on (its default): OpenAPI v3, server-side field validation, client-side apply, explain.</summary>
public sealed class KubectlValidationTests
{
    private const string Manifest = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
        spec:
          replicas: 2
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: main
                image: nginx:1.27
        """;

    [Fact]
    public async Task Apply_merges_three_ways_with_validation_on()
    {
        await using var sim = await Sim.StartAsync();
        using var kubectl = new Kubectl(sim.Cluster);
        var file = kubectl.WriteFile("web.yaml", Manifest);
        var created = await kubectl.RunAsync("apply", "-f", file);
        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Contains("deployment.apps/web created", created.Output, StringComparison.Ordinal);

        // Someone else adds an environment variable; the file then adds its own and a replica.
        var set = await kubectl.RunAsync("set", "env", "deployment/web", "OTHER=1");
        Assert.True(set.ExitCode == 0, set.Error);
        kubectl.WriteFile("web.yaml", Manifest.Replace("replicas: 2", "replicas: 3", StringComparison.Ordinal)
            .Replace("image: nginx:1.27", "image: nginx:1.28\n        env:\n        - {name: MINE, value: \"2\"}", StringComparison.Ordinal));
        var changed = await kubectl.RunAsync("apply", "-f", file);
        Assert.True(changed.ExitCode == 0, changed.Error);
        Assert.Contains("deployment.apps/web configured", changed.Output, StringComparison.Ordinal);

        var d = await sim.ReadAsync("web");
        Assert.Equal(3, d.Spec.Replicas);
        var container = Assert.Single(d.Spec.Template.Spec.Containers);
        Assert.Equal("nginx:1.28", container.Image);
        Assert.Equal(["MINE", "OTHER"], container.Env.Select(e => e.Name).Order());

        // Dropping the file's variable removes its env list; the replica count goes back.
        kubectl.WriteFile("web.yaml", Manifest);
        var reverted = await kubectl.RunAsync("apply", "-f", file);
        Assert.True(reverted.ExitCode == 0, reverted.Error);
        d = await sim.ReadAsync("web");
        Assert.Equal((2, "nginx:1.27"), (d.Spec.Replicas, d.Spec.Template.Spec.Containers.Single().Image));
    }

    [Fact]
    public async Task Pods_and_namespaces_apply_from_files_and_take_labels_and_annotations()
    {
        await using var sim = await Sim.StartAsync();
        using var kubectl = new Kubectl(sim.Cluster);
        var ns = kubectl.WriteFile("ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {team: a}\n");
        var pod = kubectl.WriteFile("pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata:\n  name: hello\n  namespace: shop\nspec:\n  containers:\n  - {name: c, image: nginx}\n");

        foreach (var file in new[] { ns, pod, ns, pod })
        {
            // The second round re-applies: a patch of what changed (nothing but kubectl's own annotation).
            var applied = await kubectl.RunAsync("apply", "-f", file);
            Assert.True(applied.ExitCode == 0, applied.Error);
        }

        kubectl.WriteFile("ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels: {team: b}\n");
        Assert.Equal(0, (await kubectl.RunAsync("apply", "-f", ns)).ExitCode);
        Assert.Equal(0, (await kubectl.RunAsync("label", "pod", "hello", "-n", "shop", "tier=web")).ExitCode);
        sim.Cluster.AddNode("rack-1", 1000, 1L << 30);
        Assert.Equal(0, (await kubectl.RunAsync("annotate", "node", "rack-1", "note=racked")).ExitCode);
        var changedSpec = await kubectl.RunAsync("patch", "pod", "hello", "-n", "shop", "-p", "{\"spec\":{\"activeDeadlineSeconds\":5}}");
        Assert.Equal(0, (await kubectl.RunAsync("cordon", "rack-1")).ExitCode);
        var cordoned = (await kubectl.RunAsync("get", "node", "rack-1")).Output;
        Assert.Equal(0, (await kubectl.RunAsync("uncordon", "rack-1")).ExitCode);
        Assert.Contains("Ready,SchedulingDisabled", cordoned, StringComparison.Ordinal);
        Assert.DoesNotContain("SchedulingDisabled", (await kubectl.RunAsync("get", "node", "rack-1")).Output, StringComparison.Ordinal);

        Assert.Contains("team=b", (await kubectl.RunAsync("get", "ns", "shop", "--show-labels")).Output, StringComparison.Ordinal);
        Assert.Contains("tier=web", (await kubectl.RunAsync("get", "pod", "hello", "-n", "shop", "--show-labels")).Output, StringComparison.Ordinal);
        Assert.Contains("racked", (await kubectl.RunAsync("get", "node", "rack-1", "-o", "jsonpath={.metadata.annotations.note}")).Output, StringComparison.Ordinal);
        Assert.NotEqual(0, changedSpec.ExitCode);
        Assert.Contains("only metadata.labels and metadata.annotations", changedSpec.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_from_a_file_validates_and_refuses_an_unknown_field_as_kubernetes_does()
    {
        await using var sim = await Sim.StartAsync();
        using var kubectl = new Kubectl(sim.Cluster);
        var bad = kubectl.WriteFile("bad.yaml", Manifest.Replace("  replicas: 2", "  replicas: 2\n  foo: 1", StringComparison.Ordinal));
        var refused = await kubectl.RunAsync("create", "-f", bad);
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.foo\"", refused.Error, StringComparison.Ordinal);
        Assert.Equal(0, sim.Cluster.SpecReplicas("default", "web"));

        var warned = await kubectl.RunAsync("create", "--validate=warn", "-f", bad);
        Assert.True(warned.ExitCode == 0, warned.Error);
        Assert.Contains("Warning: unknown field \"spec.foo\"", warned.Error, StringComparison.Ordinal);

        var good = kubectl.WriteFile("good.yaml", Manifest.Replace("name: web", "name: api", StringComparison.Ordinal));
        var created = await kubectl.RunAsync("create", "-f", good);
        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Equal(2, sim.Cluster.SpecReplicas("default", "api"));
    }

    [Fact]
    public async Task Explain_describes_a_field_and_its_children()
    {
        await using var sim = await Sim.StartAsync();
        using var kubectl = new Kubectl(sim.Cluster);
        var explained = await kubectl.RunAsync("explain", "deployment.spec");
        Assert.True(explained.ExitCode == 0, explained.Error);
        Assert.Contains("FIELD: spec <DeploymentSpec>", explained.Output, StringComparison.Ordinal);
        Assert.Matches(@"\n  replicas\s+<integer>\n", explained.Output);
        Assert.Matches(@"\n  template\s+<PodTemplateSpec>", explained.Output);

        var containers = await kubectl.RunAsync("explain", "deployment.spec.template.spec.containers.image");
        Assert.True(containers.ExitCode == 0, containers.Error);
        Assert.Contains("FIELD: image <string>", containers.Output, StringComparison.Ordinal);
    }
}
