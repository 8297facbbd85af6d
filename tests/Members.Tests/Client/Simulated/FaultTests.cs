using System.Diagnostics;
using Federation.Members.Client;
using Federation.Members.Simulation;

namespace Federation.Members.Tests.Client.Simulated;

/// <summary>Each test darkens its own member, so every test starts one.</summary>
public sealed class FaultTests : IAsyncLifetime
{
    private SimulatedMember _member = null!;

    public async Task InitializeAsync() => _member = await SimulatedMember.StartAsync("faulty");

    public async Task DisposeAsync() => await _member.DisposeAsync();

    [Fact]
    public async Task Refused_connections_are_Unreachable()
    {
        var client = _member.Client();
        _member.Cluster.SetOutage(OutageMode.Refuse);

        var error = await Assert.ThrowsAsync<MemberClientException>(() => client.ListManagedDeploymentsAsync());

        Assert.Equal(MemberErrorKind.Unreachable, error.Kind);
        Assert.True(error.IsTransient);
        Assert.Contains("'faulty'", error.Message, StringComparison.Ordinal);
        Assert.Contains("list managed deployments", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Persistent_5xx_is_ServerError_after_the_retries()
    {
        using var log = new RecordingLoggerFactory();
        var client = _member.Client(SimulatedMember.Quick with { RetryAttempts = 2, LoggerFactory = log });
        _member.Cluster.SetOutage(OutageMode.Error);

        var error = await Assert.ThrowsAsync<MemberClientException>(() => client.GetDeploymentAsync("shop", "web"));

        Assert.Equal(MemberErrorKind.ServerError, error.Kind);
        Assert.Contains("503", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, log.Count(MemberClientLog.RetryingId));
    }

    [Fact]
    public async Task A_5xx_outage_that_ends_within_the_retries_is_ridden_out()
    {
        using var log = new RecordingLoggerFactory();
        var client = _member.Client(SimulatedMember.Quick with { RetryAttempts = 20, RetryMaxDelay = TimeSpan.FromMilliseconds(300), LoggerFactory = log });
        _member.Cluster.SetOutage(OutageMode.Error);

        var call = client.ListManagedDeploymentsAsync();
        await Eventually.Until(() => log.Count(MemberClientLog.RetryingId) > 0 || call.IsCompleted, "a retry of the failed first attempt");
        _member.Cluster.Recover();

        Assert.NotNull(await call);
        Assert.True(log.Count(MemberClientLog.RetryingId) > 0);
    }

    [Fact]
    public async Task A_4xx_is_not_retried()
    {
        using var log = new RecordingLoggerFactory();
        var client = _member.Client(SimulatedMember.Quick with { RetryAttempts = 3, LoggerFactory = log });

        var error = await Assert.ThrowsAsync<MemberClientException>(() => client.ScaleDeploymentAsync("shop", "ghost", 2));

        Assert.Equal(MemberErrorKind.NotFound, error.Kind);
        Assert.Equal(0, log.Count(MemberClientLog.RetryingId));
    }

    [Fact]
    public async Task A_hanging_member_times_out_as_Timeout_within_the_operation_timeout()
    {
        var options = SimulatedMember.Quick with { RequestTimeout = TimeSpan.FromMilliseconds(400), OperationTimeout = TimeSpan.FromSeconds(1.5) };
        var client = _member.Client(options);
        _member.Cluster.SetOutage(OutageMode.Hang);
        var clock = Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<MemberClientException>(() => client.GetDeploymentAsync("shop", "web"));

        Assert.Equal(MemberErrorKind.Timeout, error.Kind);
        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(4)); // 1.5 s and scheduling slack
    }

    [Fact]
    public async Task Caller_cancellation_is_not_disguised_as_a_member_failure()
    {
        var client = _member.Client();
        _member.Cluster.SetOutage(OutageMode.Hang);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetCapacityAsync(cancel.Token));
    }

    [Fact]
    public async Task Calls_succeed_again_after_recovery()
    {
        var client = _member.Client();
        _member.Cluster.SetOutage(OutageMode.Refuse);
        await Assert.ThrowsAsync<MemberClientException>(() => client.ListManagedDeploymentsAsync());

        _member.Cluster.Recover();

        Assert.NotNull(await client.ListManagedDeploymentsAsync());
    }
}
