using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Federation.Members.Tests.Simulation;

/// <summary>The companion kinds through the KubernetesClient: CRUD, patches, apply, watch, validation.</summary>
public sealed class CompanionKindsTests
{
    [Fact]
    public async Task Config_maps_are_created_patched_watched_and_deleted()
    {
        await using var sim = await Sim.StartAsync();
        var cm = await sim.Client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cfg", Labels = new Dictionary<string, string> { ["app"] = "web" } }, Data = new Dictionary<string, string> { ["a"] = "1" } }, "default");
        Assert.Equal("1", cm.Data["a"]);

        var events = new List<WatchEventType>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var watching = Task.Run(async () =>
        {
            await foreach (var (type, _) in sim.Client.CoreV1.WatchListNamespacedConfigMapAsync("default", resourceVersion: cm.Metadata.ResourceVersion, cancellationToken: cts.Token))
            {
                lock (events)
                {
                    events.Add(type);
                }
            }
        });

        var patched = await sim.Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("""{"data":{"a":"2"}}""", V1Patch.PatchType.MergePatch), "cfg", "default");
        Assert.Equal("2", patched.Data["a"]);
        var applied = await sim.Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("""{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cfg"},"data":{"b":"3"}}""", V1Patch.PatchType.ApplyPatch), "cfg", "default", fieldManager: "me", force: true);
        Assert.Equal(("2", "3"), (applied.Data["a"], applied.Data["b"]));
        Assert.Single((await sim.Client.CoreV1.ListNamespacedConfigMapAsync("default", labelSelector: "app=web")).Items);

        await sim.Client.CoreV1.DeleteNamespacedConfigMapAsync("cfg", "default");
        await Eventually.WaitAsync(() => { lock (events) { return events.Count == 3; } }, "modified twice, then deleted");
        Assert.Equal([WatchEventType.Modified, WatchEventType.Modified, WatchEventType.Deleted], events);
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watching);
        await Assert.ThrowsAsync<HttpOperationException>(() => sim.Client.CoreV1.ReadNamespacedConfigMapAsync("cfg", "default"));
    }

    [Fact]
    public async Task Secret_string_data_is_stored_as_base64_data_and_bad_base64_is_invalid()
    {
        await using var sim = await Sim.StartAsync();
        var secret = await sim.Client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "pw" }, StringData = new Dictionary<string, string> { ["user"] = "admin" } }, "default");
        Assert.Equal(("Opaque", "admin"), (secret.Type, System.Text.Encoding.UTF8.GetString(secret.Data["user"])));
        Assert.Null(secret.StringData);

        using var http = new HttpClient { BaseAddress = sim.Cluster.Url };
        var bad = await http.PostAsync("/api/v1/namespaces/default/secrets", new StringContent("""{"metadata":{"name":"bad"},"data":{"k":"not base64!"}}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, bad.StatusCode);
        var body = await bad.Content.ReadAsStringAsync();
        Assert.Contains("data[k]", body, StringComparison.Ordinal);
        Assert.DoesNotContain("not base64", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Services_get_distinct_cluster_ips_that_survive_updates()
    {
        await using var sim = await Sim.StartAsync();
        V1Service Service(string name) => new()
        {
            Metadata = new V1ObjectMeta { Name = name },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = name }, Ports = [new V1ServicePort { Port = 80 }] },
        };
        var a = await sim.Client.CoreV1.CreateNamespacedServiceAsync(Service("a"), "default");
        var b = await sim.Client.CoreV1.CreateNamespacedServiceAsync(Service("b"), "default");
        Assert.NotEqual(a.Spec.ClusterIP, b.Spec.ClusterIP);
        Assert.Equal(("ClusterIP", "TCP", "80"), (a.Spec.Type, a.Spec.Ports[0].Protocol, a.Spec.Ports[0].TargetPort.Value));

        var patched = await sim.Client.CoreV1.PatchNamespacedServiceAsync(new V1Patch("""{"spec":{"selector":{"app":"other"}}}""", V1Patch.PatchType.StrategicMergePatch), "a", "default");
        Assert.Equal(a.Spec.ClusterIP, patched.Spec.ClusterIP);

        var noPorts = await Assert.ThrowsAsync<HttpOperationException>(() => sim.Client.CoreV1.CreateNamespacedServiceAsync(new V1Service { Metadata = new V1ObjectMeta { Name = "c" }, Spec = new V1ServiceSpec() }, "default"));
        Assert.Equal(System.Net.HttpStatusCode.UnprocessableEntity, noPorts.Response.StatusCode);
        Assert.Contains("spec.ports: Required value", noPorts.Response.Content, StringComparison.Ordinal);
    }
}
