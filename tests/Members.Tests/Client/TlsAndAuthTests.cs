using Federation.Members.Client;

namespace Federation.Members.Tests.Client;

public sealed class TlsAndAuthTests : IAsyncLifetime
{
    // Generous timeouts: nothing here is about timing, and a cold process spends seconds on its first TLS handshake.
    private static readonly MemberClientOptions Quick = new()
    {
        RequestTimeout = TimeSpan.FromSeconds(15),
        OperationTimeout = TimeSpan.FromSeconds(30),
        ProbeTimeout = TimeSpan.FromSeconds(15),
        RetryAttempts = 1,
        RetryBaseDelay = TimeSpan.FromMilliseconds(20),
    };

    private TlsStubServer _server = null!;

    public async Task InitializeAsync() => _server = await TlsStubServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_kubeconfig_with_the_servers_CA_and_token_connects()
    {
        using var client = MemberClientFactory.Create(new MemberConnection("tls", Kubeconfig: _server.Kubeconfig(withCa: true)), Quick);

        var probe = await client.ProbeAsync();
        var list = await client.ListManagedDeploymentsAsync();

        Assert.True(probe.Healthy, probe.Error);
        Assert.Equal("7", list.ResourceVersion);
    }

    [Fact]
    public async Task A_capacity_read_lists_every_page_of_pods_with_the_kubeconfigs_token()
    {
        using var client = MemberClientFactory.Create(new MemberConnection("tls", Kubeconfig: _server.Kubeconfig(withCa: true)), Quick);

        var capacity = await client.GetCapacityAsync();

        // Page one: 500m and 1Gi, its init container's 2Gi the larger; page two: a limit standing in for the request.
        var node = Assert.Single(capacity.Nodes);
        Assert.Equal(("n1", 750L, (2L << 30) + (256L << 20), 2L), (node.Name, node.RequestedMilliCpu, node.RequestedMemoryBytes, node.RunningPods));
    }

    [Fact]
    public async Task A_pod_list_the_member_refuses_is_Forbidden_naming_the_call()
    {
        using var client = MemberClientFactory.Create(new MemberConnection("tls", Kubeconfig: _server.Kubeconfig(withCa: true)), Quick);
        _server.PodsForbidden = true;

        var error = await Assert.ThrowsAsync<MemberClientException>(() => client.GetCapacityAsync());

        Assert.Equal(MemberErrorKind.Forbidden, error.Kind);
        Assert.Contains("list pods", error.Message, StringComparison.Ordinal);
        Assert.Contains("cannot list resource", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pod_list_that_stalls_halfway_ends_with_the_operations_timeout()
    {
        var options = Quick with { RequestTimeout = TimeSpan.FromSeconds(1), OperationTimeout = TimeSpan.FromSeconds(2), RetryAttempts = 0 };
        using var client = MemberClientFactory.Create(new MemberConnection("tls", Kubeconfig: _server.Kubeconfig(withCa: true)), options);
        await client.GetCapacityAsync(); // the TLS handshake and the library's first call, outside the timed part
        _server.PodsStallMidway = true;

        // A read stuck for good would end this wait with a TimeoutException instead.
        var error = await Assert.ThrowsAsync<MemberClientException>(() => client.GetCapacityAsync().WaitAsync(TimeSpan.FromSeconds(30)));

        Assert.Equal(MemberErrorKind.Timeout, error.Kind);
    }

    [Fact]
    public async Task Insecure_skip_tls_verify_connects_to_an_untrusted_certificate()
    {
        using var client = MemberClientFactory.Create(new MemberConnection("tls", Kubeconfig: _server.Kubeconfig(withCa: false, skipVerify: true)), Quick);

        Assert.Equal("7", (await client.ListManagedDeploymentsAsync()).ResourceVersion);
    }

    [Fact]
    public async Task An_untrusted_certificate_is_refused_without_a_CA()
    {
        using var fromKubeconfig = MemberClientFactory.Create(new MemberConnection("tls", Kubeconfig: _server.Kubeconfig(withCa: false)), Quick);
        using var fromUrl = MemberClientFactory.Create(new MemberConnection("tls", Server: _server.Url.ToString(), BearerToken: TlsStubServer.Token), Quick);

        var probe = await fromKubeconfig.ProbeAsync();
        var error = await Assert.ThrowsAsync<MemberClientException>(() => fromUrl.ListManagedDeploymentsAsync());

        Assert.False(probe.Healthy);
        Assert.Equal(MemberErrorKind.Unreachable, error.Kind);
    }

    [Fact]
    public async Task A_wrong_token_is_Unauthorized_and_the_probe_says_so()
    {
        using var client = MemberClientFactory.Create(new MemberConnection("tls", Kubeconfig: _server.Kubeconfig(withCa: true, token: "wrong")), Quick);

        var error = await Assert.ThrowsAsync<MemberClientException>(() => client.ListManagedDeploymentsAsync());
        var probe = await client.ProbeAsync();

        Assert.Equal(MemberErrorKind.Unauthorized, error.Kind);
        Assert.False(error.IsTransient);
        Assert.False(probe.Healthy);
        Assert.Contains("401", probe.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_connections_bearer_token_overrides_the_kubeconfigs()
    {
        using var client = MemberClientFactory.Create(
            new MemberConnection("tls", Kubeconfig: _server.Kubeconfig(withCa: true, token: "stale"), BearerToken: TlsStubServer.Token), Quick);

        Assert.Equal("7", (await client.ListManagedDeploymentsAsync()).ResourceVersion);
    }
}
