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
        await using var proxy = await CountingProxy.StartAsync(fleet["east"].Url, () => [Environment.ProcessId]);
        var joined = await fleet.Api.PostAsJsonAsync("/api/v1/clusters", new { name = "east", server = proxy.Url.ToString() });
        Assert.True(joined.StatusCode == HttpStatusCode.Created, await joined.Content.ReadAsStringAsync());
        await Eventually.WaitAsync(async () => (await fleet.GetClusterAsync("east"))?.Capacity is { ReadyNodes: 2 }, Deadline, "east's capacity known");

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

    private static bool IsProbe(ProxiedRequest r) => r.PathAndQuery == "/readyz";

    private static bool IsPodList(ProxiedRequest r) => r.PathAndQuery.StartsWith("/api/v1/pods", StringComparison.Ordinal);
}
