using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;

namespace Federation.Api.Access;

public sealed class BearerTokenOptions : AuthenticationSchemeOptions
{
    public TokenTable Tokens { get; set; } = TokenTable.Parse(new Dictionary<string, string>(), out _);

    /// <summary>No tokens and anonymous access allowed (loopback only): every caller is admin.</summary>
    public bool Anonymous { get; set; }
}

/// <summary>
/// Authenticates <c>Authorization: Bearer &lt;token&gt;</c> against the configured tokens; the
/// caller's role becomes its role claim, which the endpoint's policy then checks. The query
/// parameter <c>access_token</c> counts only on endpoints that accept it (the dashboard stream:
/// EventSource cannot send headers), so a REST route never honours a token in a URL.
/// </summary>
public sealed class BearerTokenHandler(IOptionsMonitor<BearerTokenOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : AuthenticationHandler<BearerTokenOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    public const string QueryParameter = "access_token";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (Options.Anonymous)
        {
            return Task.FromResult(Success(Role.Admin, "anonymous"));
        }

        var presented = Presented();
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        return Task.FromResult(Options.Tokens.Match(presented) is { } role
            ? Success(role, role.ToString().ToLowerInvariant())
            : AuthenticateResult.Fail("unknown token"));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = SchemeName;
        var how = Context.GetEndpoint()?.Metadata.GetMetadata<AcceptsQueryToken>() is null
            ? "send Authorization: Bearer <token>"
            : $"send Authorization: Bearer <token> or ?{QueryParameter}=<token>";
        await Results.Problem($"a valid token is required: {how}", statusCode: StatusCodes.Status401Unauthorized, title: "unauthenticated")
            .ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var needed = Context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
        var has = Context.User.FindFirstValue(ClaimTypes.Role);
        var detail = needed is null
            ? "this call is not open to any role"
            : $"this call needs the {needed} role; the token has {has}";
        await Results.Problem(detail, statusCode: StatusCodes.Status403Forbidden, title: "forbidden").ExecuteAsync(Context);
    }

    private string? Presented()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.StartsWith(SchemeName + " ", StringComparison.OrdinalIgnoreCase))
        {
            return header[(SchemeName.Length + 1)..].Trim();
        }

        return Context.GetEndpoint()?.Metadata.GetMetadata<AcceptsQueryToken>() is not null
            && Request.Query.TryGetValue(QueryParameter, out var token)
            ? token.ToString()
            : null;
    }

    private AuthenticateResult Success(Role role, string name)
    {
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role.ToString().ToLowerInvariant())], Scheme.Name);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Scheme.Name));
    }
}
