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
