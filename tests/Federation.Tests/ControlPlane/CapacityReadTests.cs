using System.Net;
using System.Net.Http.Json;
using Federation.Members.Simulation;
using Federation.Tests.Distributed;

namespace Federation.Tests.ControlPlane;

/// <summary>
/// A member is probed for health often and read for capacity (every node and pod) seldom:
/// the probe notices an outage, the capacity read is what costs at fleet scale.
/// </summary>
public sealed class CapacityReadTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Pods_are_listed_once_per_capacity_interval_not_at_every_probe_and_at_once_when_a_member_comes_back()
    {
        await using var fleet = await Fleet.StartAsync(["east"], configure: o => o.CapacityInterval = TimeSpan.FromMinutes(5));
        await using var proxy = await JoinThroughProxyAsync(fleet);

        // Ten probes (200 ms apart): none of them lists pods again.
        var settled = DateTime.UtcNow;
        await Eventually.WaitAsync(() => proxy.Since(settled, IsProbe).Count >= 10, Deadline, "ten probes");
        Assert.Empty(proxy.Since(settled, IsPodList));

        // Dark, then back: the first good probes read capacity at once, not five minutes later.
        fleet["east"].SetOutage(OutageMode.Refuse);
        await Eventually.WaitAsync(async () => (await fleet.GetClusterAsync("east"))!.State == Scheduling.MemberState.NotReady, Deadline, "east NotReady");
        var back = DateTime.UtcNow;
        fleet["east"].Recover();
        await Eventually.WaitAsync(() => proxy.Since(back, IsPodList).Count >= 1, Deadline, "a pod list after east came back");
        await Eventually.WaitAsync(async () => (await fleet.GetClusterAsync("east"))!.State == Scheduling.MemberState.Ready, Deadline, "east Ready again");
        Assert.Single(proxy.Since(back, IsPodList));
    }

    [Fact]
    public async Task Pods_are_listed_at_the_interval_while_capacity_is_promised_there_and_seldom_once_the_fleet_is_settled()
    {
        await using var fleet = await Fleet.StartAsync(["east"], configure: o => o.CapacityIdleInterval = TimeSpan.FromMinutes(5));
        await using var proxy = await JoinThroughProxyAsync(fleet);

        // Nothing promised, nobody waiting: three capacity intervals (1 s) go by without a pod list.
        await QuietAsync(proxy);

        // A placement promises capacity on east: its figures are read at the interval until a read is newer than the promise.
        var placed = DateTime.UtcNow;
        (await fleet.PutApplicationAsync("default", "web", new { replicas = 2, template = Fleet.Template("web") })).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => proxy.Since(placed, IsPodList).Count >= 2, Deadline, "pod lists while capacity is promised");
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "web") == 2, Deadline, "web ready");

        // Settled again: the reads stop.
        await QuietAsync(proxy);
    }

    /// <summary>Joins east through a proxy that counts its requests, once its capacity is known.</summary>
    private static async Task<CountingProxy> JoinThroughProxyAsync(Fleet fleet)
    {
        var proxy = await CountingProxy.StartAsync(fleet["east"].Url, () => [Environment.ProcessId]);
        var joined = await fleet.Api.PostAsJsonAsync("/api/v1/clusters", new { name = "east", server = proxy.Url.ToString() });
        Assert.True(joined.StatusCode == HttpStatusCode.Created, await joined.Content.ReadAsStringAsync());
        await Eventually.WaitAsync(async () => (await fleet.GetClusterAsync("east"))?.Capacity is { ReadyNodes: 2 }, Deadline, "east's capacity known");
        return proxy;
    }

    /// <summary>Waits until 3 s of probes (fifteen, 200 ms apart) saw no pod list.</summary>
    private static async Task QuietAsync(CountingProxy proxy)
    {
        var from = DateTime.UtcNow;
        await Eventually.WaitAsync(
            () =>
            {
                var probes = proxy.Since(from, IsProbe);
                if (proxy.Since(from, IsPodList) is { Count: > 0 } lists)
                {
                    from = lists[^1].At.AddTicks(1);
                    return false;
                }

                return probes.Count >= 15;
            },
            Deadline,
            "fifteen probes without a pod list");
    }

    private static bool IsProbe(ProxiedRequest r) => r.PathAndQuery == "/readyz";

    private static bool IsPodList(ProxiedRequest r) => r.PathAndQuery.StartsWith("/api/v1/pods", StringComparison.Ordinal);
}
