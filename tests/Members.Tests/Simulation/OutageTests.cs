using System.Diagnostics;
using System.Net;
using System.Text;
using Federation.Members.Simulation;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Federation.Members.Tests.Simulation;

public sealed class OutageTests
{
    [Fact]
    public async Task Refuse_drops_connections_and_recover_restores_service()
    {
        await using var sim = await Sim.StartAsync();
        await sim.Client.CoreV1.ListNamespaceAsync();
        sim.Cluster.SetOutage(OutageMode.Refuse);
        await Assert.ThrowsAsync<HttpRequestException>(() => sim.Client.CoreV1.ListNamespaceAsync());

        sim.Cluster.Recover();
        Assert.NotEmpty((await sim.Client.CoreV1.ListNamespaceAsync()).Items);
    }

    [Fact]
    public async Task Error_answers_503_Status_until_recovery()
    {
        await using var sim = await Sim.StartAsync();
        sim.Cluster.SetOutage(OutageMode.Error);
        var e = await Assert.ThrowsAsync<HttpOperationException>(() => sim.Client.CoreV1.ListNamespaceAsync());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, e.Response.StatusCode);
        using var http = new HttpClient { BaseAddress = sim.Cluster.Url };
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/readyz")).StatusCode);

        sim.Cluster.Recover();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task Hang_holds_requests_until_the_client_gives_up_or_the_member_recovers()
    {
        await using var sim = await Sim.StartAsync();
        sim.Cluster.SetOutage(OutageMode.Hang);
        using (var giveUp = new CancellationTokenSource(TimeSpan.FromMilliseconds(300)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => sim.Client.CoreV1.ListNamespaceAsync(cancellationToken: giveUp.Token));
        }

        var held = sim.Client.CoreV1.ListNamespaceAsync();
        Assert.False(held.IsCompleted);
        sim.Cluster.Recover();
        Assert.NotEmpty((await held.WaitAsync(TimeSpan.FromSeconds(10))).Items);
    }

    [Fact]
    public async Task Outage_with_a_duration_recovers_by_itself_on_the_injected_clock()
    {
        var time = new ManualTime();
        await using var sim = await Sim.StartAsync(new SimulatedMemberOptions { Time = time });
        sim.Cluster.SetOutage(OutageMode.Error, TimeSpan.FromSeconds(10));
        await Assert.ThrowsAsync<HttpOperationException>(() => sim.Client.CoreV1.ListNamespaceAsync());
        time.Advance(TimeSpan.FromSeconds(10));
        Assert.NotEmpty((await sim.Client.CoreV1.ListNamespaceAsync()).Items);
    }

    [Fact]
    public async Task Refuse_ends_open_watches()
    {
        await using var sim = await Sim.StartAsync();
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var rv = (await sim.Client.AppsV1.ListNamespacedDeploymentAsync("default")).Metadata.ResourceVersion;
        var ended = Task.Run(async () =>
        {
            try
            {
                await foreach (var _ in sim.Client.AppsV1.WatchListNamespacedDeploymentAsync("default", resourceVersion: rv, cancellationToken: cts.Token))
                {
                }
            }
            catch (Exception e) when (e is HttpRequestException or IOException)
            {
                // A dropped connection surfaces as an I/O error, which is what the member client must handle.
            }
        });
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 0), "default");
        sim.Cluster.SetOutage(OutageMode.Refuse);
        await ended.WaitAsync(cts.Token);
        Assert.False(cts.IsCancellationRequested);
    }

    [Fact]
    public async Task Admin_routes_answer_during_an_outage()
    {
        await using var sim = await Sim.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.Cluster.Url };
        Assert.Equal(HttpStatusCode.OK, (await Post(http, "/_sim/outage", """{"mode":"refuse"}""")).StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("/api"));

        Assert.Equal(HttpStatusCode.OK, (await Post(http, "/_sim/nodes", """{"name":"extra","cpu":"500m","memory":"1Gi"}""")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(http, "/_sim/recover", "")).StatusCode);

        var node = await sim.Client.CoreV1.ReadNodeAsync("extra");
        Assert.Equal(0.5m, node.Status.Capacity["cpu"].ToDecimal());
        Assert.Equal(1024m * 1024 * 1024, node.Status.Capacity["memory"].ToDecimal());

        Assert.Equal(HttpStatusCode.OK, (await Post(http, "/_sim/nodes/extra/ready", """{"ready":false}""")).StatusCode);
        Assert.Contains((await sim.Client.CoreV1.ReadNodeAsync("extra")).Status.Conditions, c => c.Type == "Ready" && c.Status != "True");
        Assert.Equal(HttpStatusCode.OK, (await http.DeleteAsync("/_sim/nodes/extra")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("/api/v1/nodes/extra")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await Post(http, "/_sim/outage", """{"mode":"error","seconds":600}""")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await http.GetAsync("/api")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Post(http, "/_sim/recover", "")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Post(http, "/_sim/outage", """{"mode":"sideways"}""")).StatusCode);
    }

    [Fact]
    public async Task Admin_route_marks_a_deployment_unhealthy()
    {
        await using var sim = await Sim.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.Cluster.Url };
        await sim.Client.AppsV1.CreateNamespacedDeploymentAsync(Sim.Deployment("web", 2), "default");
        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "web") == 2, "web ready");
        Assert.Equal(HttpStatusCode.OK, (await Post(http, "/_sim/deployments/default/web/unhealthy", """{"unhealthy":true}""")).StatusCode);
        await Eventually.WaitAsync(() => sim.Cluster.ReadyReplicas("default", "web") == 0, "web unready");
    }

    [Fact]
    public async Task Latency_delays_every_api_request()
    {
        await using var sim = await Sim.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.Cluster.Url };
        Assert.Equal(HttpStatusCode.OK, (await Post(http, "/_sim/latency", """{"ms":250}""")).StatusCode);
        var watch = Stopwatch.StartNew();
        await sim.Client.CoreV1.ListNamespaceAsync();
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(240), $"took {watch.Elapsed}");

        sim.Cluster.SetLatency(TimeSpan.Zero);
        await sim.Client.CoreV1.ListNamespaceAsync();
    }

    private static Task<HttpResponseMessage> Post(HttpClient http, string path, string json) =>
        http.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
}
