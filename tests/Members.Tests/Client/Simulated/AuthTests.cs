using Federation.Members.Client;
using Federation.Members.Simulation;

namespace Federation.Members.Tests.Client.Simulated;

/// <summary>The member client's error classification against the simulator's bearer-token authentication.</summary>
public sealed class AuthTests
{
    [Fact]
    public async Task The_kubeconfig_token_reads_and_writes()
    {
        await using var member = await SimulatedMember.StartAsync("east", new SimulatedMemberOptions { RequireToken = true });
        var client = member.Client();
        await client.EnsureNamespaceAsync("shop");
        Assert.True((await client.ProbeAsync()).Healthy);
    }

    [Fact]
    public async Task A_wrong_token_is_Unauthorized_and_not_transient()
    {
        await using var member = await SimulatedMember.StartAsync("east");
        using var client = MemberClientFactory.Create(new MemberConnection("east", Server: member.Cluster.Url.ToString(), BearerToken: "wrong"));
        var error = await Assert.ThrowsAsync<MemberClientException>(() => client.ListManagedDeploymentsAsync());
        Assert.Equal(MemberErrorKind.Unauthorized, error.Kind);
        Assert.False(error.IsTransient);
        Assert.Contains("401", (await client.ProbeAsync()).Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_token_is_Unauthorized_when_tokens_are_required()
    {
        await using var member = await SimulatedMember.StartAsync("east", new SimulatedMemberOptions { RequireToken = true });
        using var client = MemberClientFactory.Create(new MemberConnection("east", Server: member.Cluster.Url.ToString()));
        var error = await Assert.ThrowsAsync<MemberClientException>(() => client.ListManagedDeploymentsAsync());
        Assert.Equal(MemberErrorKind.Unauthorized, error.Kind);
    }

    [Fact]
    public async Task The_read_only_token_lists_but_a_write_is_Forbidden()
    {
        await using var member = await SimulatedMember.StartAsync("east", new SimulatedMemberOptions { RequireToken = true });
        using var client = MemberClientFactory.Create(new MemberConnection("east", Server: member.Cluster.Url.ToString(), BearerToken: member.Cluster.ReadOnlyToken));
        Assert.Empty((await client.ListManagedDeploymentsAsync()).Items);
        var error = await Assert.ThrowsAsync<MemberClientException>(() => client.EnsureNamespaceAsync("shop"));
        Assert.Equal(MemberErrorKind.Forbidden, error.Kind);
        Assert.False(error.IsTransient);
    }
}
