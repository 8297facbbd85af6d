using Federation.Members.Simulation;

namespace Federation.Members.Tests.Client.Simulated;

public sealed class ProbeTests : IAsyncLifetime
{
    private SimulatedMember _member = null!;

    public async Task InitializeAsync() => _member = await SimulatedMember.StartAsync("probed");

    public async Task DisposeAsync() => await _member.DisposeAsync();

    [Fact]
    public async Task A_healthy_member_probes_healthy_with_its_latency()
    {
        var client = _member.Client();
        await client.ProbeAsync(); // the first request of a process pays for connection set-up and JIT

        var quick = await client.ProbeAsync();
        _member.Cluster.SetLatency(TimeSpan.FromMilliseconds(300));
        var slow = await client.ProbeAsync();

        Assert.True(quick.Healthy, quick.Error);
        Assert.Null(quick.Error);
        Assert.True(slow.Healthy, slow.Error);
        Assert.True(slow.Latency >= TimeSpan.FromMilliseconds(280), $"latency {slow.Latency}");
        Assert.True(quick.Latency < slow.Latency, $"{quick.Latency} vs {slow.Latency}");
    }

    [Theory]
    [InlineData(OutageMode.Error, "503")]
    [InlineData(OutageMode.Refuse, "unreachable")]
    [InlineData(OutageMode.Hang, "no answer")]
    public async Task A_dark_member_probes_unhealthy_without_throwing(OutageMode mode, string expected)
    {
        var client = _member.Client(SimulatedMember.Quick with { ProbeTimeout = TimeSpan.FromSeconds(1.5) });
        _member.Cluster.SetOutage(mode);

        var probe = await client.ProbeAsync();

        Assert.False(probe.Healthy);
        Assert.Contains(expected, probe.Error, StringComparison.Ordinal);
        Assert.True(probe.Latency < TimeSpan.FromSeconds(4), $"latency {probe.Latency}"); // the 1.5 s probe timeout and scheduling slack
    }

    [Fact]
    public async Task A_member_slower_than_the_probe_timeout_is_unhealthy()
    {
        var client = _member.Client(SimulatedMember.Quick with { ProbeTimeout = TimeSpan.FromMilliseconds(200) });
        _member.Cluster.SetLatency(TimeSpan.FromSeconds(3));

        var probe = await client.ProbeAsync();

        Assert.False(probe.Healthy);
        Assert.InRange(probe.Latency, TimeSpan.FromMilliseconds(190), TimeSpan.FromSeconds(2));
    }
}
