using System.Text.RegularExpressions;
using Federation.Api.Access;
using Federation.Grains;
using Federation.Hosting;

namespace Federation.Tests.FrontDoor;

/// <summary>Token settings are parsed strictly, and a host that would be open by accident does not start.</summary>
public sealed partial class TokenConfigurationTests
{
    private const string Long = "0123456789abcdef0123456789abcdef";

    [Theory]
    [InlineData("viewer", "viewer:" + Long, Role.Viewer)]
    [InlineData("operator", "operator:" + Long, Role.Operator)]
    [InlineData("admin in capitals", "ADMIN:" + Long, Role.Admin)]
    [InlineData("a token holding a colon", "admin:" + Long + ":more", Role.Admin)]
    public void A_well_formed_token_gets_its_role(string why, string value, Role role)
    {
        var table = TokenTable.Parse(new Dictionary<string, string> { ["t"] = value }, out var problems);

        Assert.True(problems.Count == 0, $"{why}: {string.Join("; ", problems)}");
        Assert.Equal(role, table.Match(value[(value.IndexOf(':', StringComparison.Ordinal) + 1)..]));
        Assert.Null(table.Match(Long + "x"));
    }

    [Theory]
    [InlineData("two roles", "viewer,operator:" + Long, "one role, by name")]
    [InlineData("a number for a role", "3:" + Long, "one role, by name")]
    [InlineData("a role with spaces", " admin:" + Long, "one role, by name")]
    [InlineData("an unknown role", "root:" + Long, "one role, by name")]
    [InlineData("no role", Long, "one role, by name")]
    [InlineData("no token", "admin:", "at least 32 characters")]
    [InlineData("a short token", "admin:s3cret", "at least 32 characters")]
    [InlineData("31 characters", "admin:0123456789abcdef0123456789abcde", "at least 32 characters")]
    [InlineData("a token with a trailing space", "admin:" + Long + " ", "without surrounding spaces")]
    [InlineData("the placeholder", "admin:REPLACE_ME_ADMIN_TOKEN", "placeholder")]
    public void A_bad_token_setting_refuses_start_up_naming_the_entry(string why, string value, string message)
    {
        var options = new FederationOptions { Tokens = new() { ["ops"] = value, ["good"] = "viewer:" + Long } };

        var refused = Assert.Throws<StartupRefusedException>(() => FederationHost.Build(options));

        Assert.True(refused.Message.Contains("Federation:Tokens:ops", StringComparison.Ordinal), $"{why}: {refused.Message}");
        Assert.Contains(message, refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("Federation:Tokens:good", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_placeholder_shipped_in_the_kubernetes_secret_is_refused()
    {
        var secret = File.ReadAllText(Path.Combine(RepositoryRoot(), "deploy", "kubernetes", "secret.yaml"));
        var tokens = SecretEntry().Matches(secret).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);

        Assert.NotEmpty(tokens);
        TokenTable.Parse(tokens, out var problems);
        Assert.Equal(tokens.Count, problems.Count(p => p.Contains("placeholder", StringComparison.Ordinal)));
    }

    [Fact]
    public void Without_tokens_the_host_starts_only_when_anonymous_access_is_asked_for()
    {
        var refused = Assert.Throws<StartupRefusedException>(() => FederationHost.Build(new FederationOptions()));
        Assert.Contains("--allow-anonymous", refused.Message, StringComparison.Ordinal);

        var exposed = Assert.Throws<StartupRefusedException>(() => FederationHost.Build(new FederationOptions { AllowAnonymous = true, ApiUrls = "http://0.0.0.0:8080" }));
        Assert.Contains("loopback only", exposed.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://0.0.0.0:8080", "http://127.0.0.1:8080")]
    [InlineData("http://*:9000;https://[::]:9443", "http://127.0.0.1:9000;https://127.0.0.1:9443")]
    [InlineData("http://example.com", "http://127.0.0.1:80")]
    [InlineData("http://127.0.0.1:8080", "http://127.0.0.1:8080")]
    public void Anonymous_access_moves_every_address_to_loopback_keeping_the_port(string urls, string expected) =>
        Assert.Equal(expected, AnonymousAccess.OnLoopback(urls));

    [Fact]
    public void A_route_without_a_declared_role_stops_the_host_from_starting()
    {
        var app = WebApplication.CreateSlimBuilder().Build();
        app.MapGet("/declared", () => "ok").RequireRole(Role.Viewer);
        app.MapGet("/forgotten", () => "oops");

        var refused = Assert.Throws<InvalidOperationException>(app.EnsureEveryEndpointDeclaresAccess);
        Assert.Contains("/forgotten", refused.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("/declared", refused.Message, StringComparison.Ordinal);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Federation.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("Federation.sln not found above the test assembly");
    }

    [GeneratedRegex(@"^\s*(Federation__Tokens__\w+):\s*""([^""]*)""", RegexOptions.Multiline)]
    private static partial Regex SecretEntry();
}
