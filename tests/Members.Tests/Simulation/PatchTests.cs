using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Federation.Members.Tests.Simulation;

public sealed class PatchTests
{
    [Fact]
    public async Task Merge_patch_changes_replicas_and_labels()
    {
        await using var sim = await Sim.StartAsync();
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 1), "default");
        var patched = await sim.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"metadata":{"labels":{"team":"a"}},"spec":{"replicas":4}}""", V1Patch.PatchType.MergePatch), "web", "default");
        Assert.Equal(4, patched.Spec.Replicas);
        Assert.Equal("a", patched.Metadata.Labels["team"]);
        Assert.Equal("web", patched.Metadata.Labels["app"]);
        Assert.Equal(2, patched.Metadata.Generation);
    }

    [Fact]
    public async Task Strategic_merge_patch_merges_containers_by_name()
    {
        await using var sim = await Sim.StartAsync();
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 1), "default");
        var patched = await sim.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","image":"envoy:1"},{"name":"main","image":"nginx:2"}]}}}}""", V1Patch.PatchType.StrategicMergePatch),
            "web", "default");
        var containers = patched.Spec.Template.Spec.Containers;
        Assert.Equal(["main", "sidecar"], containers.Select(c => c.Name));
        Assert.Equal("nginx:2", containers[0].Image);
        Assert.Equal("100m", containers[0].Resources.Requests["cpu"].ToString());

        // A plain merge patch replaces the list instead.
        var replaced = await sim.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"only","image":"busybox"}]}}}}""", V1Patch.PatchType.MergePatch), "web", "default");
        Assert.Equal(["only"], replaced.Spec.Template.Spec.Containers.Select(c => c.Name));
    }

    [Fact]
    public async Task Strategic_merge_patch_deletes_an_element_with_the_patch_directive()
    {
        await using var sim = await Sim.StartAsync();
        var d = Sim.Deployment("web", 1);
        d.Spec.Template.Spec.Containers.Add(new V1Container { Name = "sidecar", Image = "envoy:1" });
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(d, "default");
        var patched = await sim.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"template":{"spec":{"containers":[{"name":"sidecar","$patch":"delete"}]}}}}""", V1Patch.PatchType.StrategicMergePatch),
            "web", "default");
        Assert.Equal(["main"], patched.Spec.Template.Spec.Containers.Select(c => c.Name));
    }

    [Fact]
    public async Task Json_patch_applies_operations_in_order_and_a_failed_test_is_422()
    {
        await using var sim = await Sim.StartAsync();
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 1), "default");
        var patched = await sim.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""
                [{"op":"test","path":"/spec/replicas","value":1},
                 {"op":"replace","path":"/spec/replicas","value":3},
                 {"op":"add","path":"/metadata/labels/tier","value":"front"},
                 {"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:9"}]
                """, V1Patch.PatchType.JsonPatch), "web", "default");
        Assert.Equal(3, patched.Spec.Replicas);
        Assert.Equal("front", patched.Metadata.Labels["tier"]);
        Assert.Equal("nginx:9", patched.Spec.Template.Spec.Containers[0].Image);

        var e = await Assert.ThrowsAsync<HttpOperationException>(() => sim.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""[{"op":"test","path":"/spec/replicas","value":1},{"op":"replace","path":"/spec/replicas","value":7}]""", V1Patch.PatchType.JsonPatch), "web", "default"));
        Assert.Equal((HttpStatusCode)422, e.Response.StatusCode);
        Assert.Equal(3, sim.Cluster.SpecReplicas("default", "web"));
    }

    [Fact]
    public async Task Patch_that_makes_the_object_invalid_is_422()
    {
        await using var sim = await Sim.StartAsync();
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 1), "default");
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => sim.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec":{"replicas":-2}}""", V1Patch.PatchType.MergePatch), "web", "default"));
        Assert.Equal((HttpStatusCode)422, e.Response.StatusCode);
    }

    [Fact]
    public async Task Server_side_apply_creates_when_missing_and_is_idempotent()
    {
        await using var sim = await Sim.StartAsync();
        var body = KubernetesJson.Serialize(Sim.Deployment("web", 2));
        var created = await sim.Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(body, V1Patch.PatchType.ApplyPatch), "web", "default", fieldManager: "federation", force: true);
        Assert.Equal(2, created.Spec.Replicas);
        Assert.Contains(created.Metadata.ManagedFields, m => m.Manager == "federation" && m.Operation == "Apply");

        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "web") == 2, "web ready");
        var before = await sim.ReadAsync("web");
        var again = await sim.Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(body, V1Patch.PatchType.ApplyPatch), "web", "default", fieldManager: "federation", force: true);
        Assert.Equal(before.Metadata.ResourceVersion, again.Metadata.ResourceVersion);
        Assert.Equal(1, again.Metadata.Generation);
    }

    [Fact]
    public async Task Server_side_apply_accepts_yaml_and_conflicts_with_another_manager_unless_forced()
    {
        await using var sim = await Sim.StartAsync();
        const string Yaml = """
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
                    image: "nginx:1.27"
            """;
        using var http = new HttpClient { BaseAddress = sim.Cluster.Url };
        var request = new HttpRequestMessage(HttpMethod.Patch, "/apis/apps/v1/namespaces/default/deployments/web?fieldManager=federation")
        {
            Content = new StringContent(Yaml, System.Text.Encoding.UTF8, "application/apply-patch+yaml"),
        };
        var created = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = KubernetesJson.Serialize(await sim.ReadAsync("web"));
        Assert.Contains("\"image\":\"nginx:1.27\"", body, StringComparison.Ordinal);
        Assert.Contains("\"replicas\":2", body, StringComparison.Ordinal);

        await sim.Client.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":5}}""", V1Patch.PatchType.MergePatch), "web", "default", fieldManager: "operator");

        var json = KubernetesJson.Serialize(Sim.Deployment("web", 2));
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => sim.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(json, V1Patch.PatchType.ApplyPatch), "web", "default", fieldManager: "federation"));
        Assert.Equal(HttpStatusCode.Conflict, e.Response.StatusCode);
        Assert.Contains("conflict with \\\"operator\\\"", e.Response.Content, StringComparison.Ordinal);
        Assert.Contains(".spec.replicas", e.Response.Content, StringComparison.Ordinal);
        Assert.Equal(5, sim.Cluster.SpecReplicas("default", "web"));

        var forced = await sim.Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(json, V1Patch.PatchType.ApplyPatch), "web", "default", fieldManager: "federation", force: true);
        Assert.Equal(2, forced.Spec.Replicas);
    }

    [Fact]
    public async Task Server_side_apply_removes_fields_the_manager_stopped_applying()
    {
        await using var sim = await Sim.StartAsync();
        var d = Sim.Deployment("web", 1);
        d.Metadata.Labels["team"] = "a";
        await sim.Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(KubernetesJson.Serialize(d), V1Patch.PatchType.ApplyPatch), "web", "default", fieldManager: "federation");
        d.Metadata.Labels.Remove("team");
        var applied = await sim.Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(KubernetesJson.Serialize(d), V1Patch.PatchType.ApplyPatch), "web", "default", fieldManager: "federation");
        Assert.False(applied.Metadata.Labels.ContainsKey("team"));
        Assert.Equal("web", applied.Metadata.Labels["app"]);
    }

    [Fact]
    public async Task Server_side_apply_without_field_manager_is_400()
    {
        await using var sim = await Sim.StartAsync();
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => sim.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(KubernetesJson.Serialize(Sim.Deployment("web", 1)), V1Patch.PatchType.ApplyPatch), "web", "default"));
        Assert.Equal(HttpStatusCode.BadRequest, e.Response.StatusCode);
    }
}
