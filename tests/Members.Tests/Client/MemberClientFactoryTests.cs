using Federation.Members.Client;

namespace Federation.Members.Tests.Client;

public sealed class MemberClientFactoryTests
{
    [Fact]
    public void A_connection_without_kubeconfig_or_server_is_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => MemberClientFactory.Create(new MemberConnection("east")));

        Assert.Contains("neither a kubeconfig nor a server", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unusable_kubeconfig_is_rejected_without_echoing_its_content()
    {
        const string secret = "clusters: [ {name: x, cluster: {server: 'https://x'}} ]\nusers: [ {name: u, user: {token: TOPSECRET}} ]\ncurrent-context: missing\n";

        var error = Assert.Throws<ArgumentException>(() => MemberClientFactory.Create(new MemberConnection("east", Kubeconfig: secret)));

        Assert.Contains("member 'east'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("TOPSECRET", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("ftp://127.0.0.1:21")]
    public void A_server_that_is_not_an_http_url_is_rejected(string server) =>
        Assert.Throws<ArgumentException>(() => MemberClientFactory.Create(new MemberConnection("east", Server: server)));

    [Fact]
    public void Options_out_of_range_are_rejected()
    {
        var connection = new MemberConnection("east", Server: "http://127.0.0.1:1");

        Assert.Throws<ArgumentOutOfRangeException>(() => MemberClientFactory.Create(connection, new MemberClientOptions { RequestTimeout = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() => MemberClientFactory.Create(connection, new MemberClientOptions { RetryAttempts = -1 }));
    }

    [Fact]
    public void Defaults_match_the_documented_budget()
    {
        var options = new MemberClientOptions();

        Assert.Equal(
            (TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(2), 3, TimeSpan.FromMilliseconds(100)),
            (options.RequestTimeout, options.ProbeTimeout, options.RetryAttempts, options.RetryBaseDelay));
    }
}
