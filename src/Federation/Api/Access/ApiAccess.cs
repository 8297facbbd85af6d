using Federation.Grains;
using Federation.Hosting;
using Microsoft.AspNetCore.Authorization;

namespace Federation.Api.Access;

/// <summary>
/// Who may call what. Every endpoint declares the role it needs with <see cref="RequireRole{T}"/>
/// (or declares itself public with <c>AllowAnonymous</c>): routing and authorization then look
/// at the same endpoint, so no spelling of a path can reach an endpoint without its check.
/// </summary>
public static class ApiAccess
{
    /// <summary>The authorization policy of a role: the role or any above it.</summary>
    public static string Policy(Role role) => role.ToString().ToLowerInvariant();

    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, Role role)
        where TBuilder : IEndpointConventionBuilder => builder.RequireAuthorization(Policy(role));

    /// <summary>The dashboard stream: its token may come in the query (EventSource sends no headers).</summary>
    public static TBuilder AcceptQueryToken<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder => builder.WithMetadata(AcceptsQueryToken.Instance);

    /// <summary>Bearer-token authentication and one policy per role; refuses bad token settings.</summary>
    public static void AddApiAccess(this IServiceCollection services, FederationOptions options)
    {
        var tokens = TokenTable.Parse(options.Tokens, out var problems);
        var anonymous = AnonymousAccess.Decide(options, tokens, problems);
        services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<BearerTokenOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, o =>
            {
                o.Tokens = tokens;
                o.Anonymous = anonymous;
            });
        services.AddAuthorization(o =>
        {
            foreach (var role in Enum.GetValues<Role>())
            {
                var allowed = Enum.GetValues<Role>().Where(r => r >= role).Select(Policy).ToArray();
                o.AddPolicy(Policy(role), p => p.RequireAuthenticatedUser().RequireRole(allowed));
            }

            // Applies where no role is declared. A path that matches no route is let through to its
            // 404 once the caller is authenticated; a route that forgot to declare its role is
            // refused to everyone (and EnsureEveryEndpointDeclaresAccess stops such a host from
            // starting). Routing's own rejections (405) are plain Endpoints, never RouteEndpoints.
            o.FallbackPolicy = new AuthorizationPolicyBuilder()
                .RequireAuthenticatedUser()
                .RequireAssertion(c => c.Resource is not HttpContext http || http.GetEndpoint() is not RouteEndpoint)
                .Build();
        });
    }

    /// <summary>Refuses a host with a route that declares neither a role nor that it is public.</summary>
    public static void EnsureEveryEndpointDeclaresAccess(this IEndpointRouteBuilder app)
    {
        var undeclared = app.DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAuthorizeData>() is null && e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .Select(e => e.DisplayName ?? e.RoutePattern.RawText)
            .ToList();
        if (undeclared.Count > 0)
        {
            throw new InvalidOperationException($"every endpoint must declare the role it needs; these do not: {string.Join(", ", undeclared)}");
        }
    }
}
