using k8s;
using k8s.Models;

namespace Federation.Members.Tests.Simulation;

public sealed class WatchTests
{
    [Fact]
    public async Task Watch_sees_added_modified_deleted_in_order_from_a_list_resourceVersion()
    {
        await using var sim = await Sim.StartAsync();
        var rv = (await sim.Client.AppsV1.ListNamespacedDeploymentAsync("default")).Metadata.ResourceVersion;
        var events = new List<(WatchEventType Type, V1Deployment Object)>();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var watching = Task.Run(async () =>
        {
            await foreach (var (type, item) in sim.Client.AppsV1.WatchListNamespacedDeploymentAsync("default", resourceVersion: rv, cancellationToken: cts.Token))
            {
                lock (events)
                {
                    events.Add((type, item));
                }

                if (type == WatchEventType.Deleted)
                {
                    return;
                }
            }
        });

        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 2), "default");
        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "web") == 2, "web ready");
        await sim.Client.AppsV1.DeleteNamespacedDeploymentAsync("web", "default");
        await watching.WaitAsync(cts.Token);

        Assert.Equal(WatchEventType.Added, events[0].Type);
        Assert.Equal(WatchEventType.Deleted, events[^1].Type);
        Assert.All(events[1..^1], e => Assert.Equal(WatchEventType.Modified, e.Type));
        Assert.Contains(events, e => e.Type == WatchEventType.Modified && e.Object.Status?.ReadyReplicas == 2);
        var versions = events.Select(e => long.Parse(e.Object.Metadata.ResourceVersion)).ToList();
        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
        Assert.True(versions[0] > long.Parse(rv));
    }

    [Fact]
    public async Task Watch_without_resourceVersion_starts_with_the_current_objects()
    {
        await using var sim = await Sim.StartAsync();
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("a", 0), "default");
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("b", 0), "default");
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new List<string>();
        await foreach (var (type, item) in sim.Client.AppsV1.WatchListNamespacedDeploymentAsync("default", cancellationToken: cts.Token))
        {
            Assert.Equal(WatchEventType.Added, type);
            seen.Add(item.Metadata.Name);
            if (seen.Count == 2)
            {
                break;
            }
        }

        Assert.Equal(["a", "b"], seen);
    }

    [Fact]
    public async Task Watch_with_bookmarks_receives_bookmark_events_carrying_a_resourceVersion()
    {
        await using var sim = await Sim.StartAsync();
        var rv = (await sim.Client.AppsV1.ListNamespacedDeploymentAsync("default")).Metadata.ResourceVersion;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var (type, item) in sim.Client.AppsV1.WatchListNamespacedDeploymentAsync("default", resourceVersion: rv, allowWatchBookmarks: true, cancellationToken: cts.Token))
        {
            Assert.Equal(WatchEventType.Bookmark, type);
            Assert.True(long.Parse(item.Metadata.ResourceVersion) >= long.Parse(rv));
            break;
        }
    }

    [Fact]
    public async Task Watch_label_selector_filters_events()
    {
        await using var sim = await Sim.StartAsync();
        var rv = (await sim.Client.AppsV1.ListNamespacedDeploymentAsync("default")).Metadata.ResourceVersion;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("skip", 0), "default");
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("keep", 0), "default");
        await foreach (var (type, item) in sim.Client.AppsV1.WatchListNamespacedDeploymentAsync("default", resourceVersion: rv, labelSelector: "app=keep", cancellationToken: cts.Token))
        {
            Assert.Equal("keep", item.Metadata.Name);
            Assert.Equal(WatchEventType.Added, type);
            break;
        }
    }

    [Fact]
    public async Task Watch_from_a_compacted_resourceVersion_gets_410_Expired()
    {
        await using var sim = await Sim.StartAsync();
        var old = (await sim.Client.AppsV1.ListNamespacedDeploymentAsync("default")).Metadata.ResourceVersion;
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 0), "default");
        sim.Cluster.Compact();

        Exception? error = null;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await foreach (var _ in sim.Client.AppsV1.WatchListNamespacedDeploymentAsync("default", resourceVersion: old, onError: e => error ??= e, cancellationToken: cts.Token))
        {
            Assert.Fail("no event may arrive from an expired resourceVersion");
        }

        var k = Assert.IsType<KubernetesException>(error);
        Assert.Equal(410, k.Status.Code);
        Assert.Equal("Expired", k.Status.Reason);

        // A fresh list gives a resourceVersion that watches again.
        var fresh = (await sim.Client.AppsV1.ListNamespacedDeploymentAsync("default")).Metadata.ResourceVersion;
        await sim.Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"replicas":1}}""", V1Patch.PatchType.MergePatch), "web", "default");
        await foreach (var (type, item) in sim.Client.AppsV1.WatchListNamespacedDeploymentAsync("default", resourceVersion: fresh, cancellationToken: cts.Token))
        {
            Assert.Equal(WatchEventType.Modified, type);
            Assert.Equal(1, item.Spec.Replicas);
            break;
        }
    }

    [Fact]
    public async Task Expired_watch_answers_an_error_event_with_a_410_Status()
    {
        await using var sim = await Sim.StartAsync();
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 0), "default");
        sim.Cluster.Compact();
        using var http = new HttpClient { BaseAddress = sim.Cluster.Url };
        var body = await http.GetStringAsync("/apis/apps/v1/namespaces/default/deployments?watch=true&resourceVersion=2");
        Assert.StartsWith("{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\"", body, StringComparison.Ordinal);
        Assert.Contains("\"code\":410", body, StringComparison.Ordinal);
        Assert.Contains("\"reason\":\"Expired\"", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pod_watch_across_namespaces_follows_a_pod_to_ready()
    {
        await using var sim = await Sim.StartAsync();
        var rv = (await sim.Client.CoreV1.ListPodForAllNamespacesAsync()).Metadata.ResourceVersion;
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 1), "default");
        var types = new List<WatchEventType>();
        await foreach (var (type, pod) in sim.Client.CoreV1.WatchListPodForAllNamespacesAsync(resourceVersion: rv, cancellationToken: cts.Token))
        {
            types.Add(type);
            if (pod.Status.Conditions?.Any(c => c.Type == "Ready" && c.Status == "True") == true)
            {
                break;
            }
        }

        Assert.Equal(WatchEventType.Added, types[0]);
        Assert.Equal(WatchEventType.Modified, types[^1]);
    }
}
