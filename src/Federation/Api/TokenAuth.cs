using System.Security.Cryptography;
using System.Text;
using Federation.Hosting;
using Microsoft.Extensions.Options;

namespace Federation.Api;

public enum Role
{
    Viewer = 1,
    Operator = 2,
    Admin = 3,
}

/// <summary>
/// Bearer tokens with roles: viewer reads, operator runs applications, drains, cordons and
/// maintenance, admin joins, unjoins and retires members. With no token configured every call
/// is allowed (the embedded default); with tokens, every /api route answers 401 without a known
/// token and 403 below the role it needs, before anything changes.
/// </summary>
public sealed class TokenAuth(RequestDelegate next, IOptions<FederationOptions> options)
{
    private readonly IReadOnlyList<(Role Role, byte[] Token)> _tokens = Parse(options.Value.Tokens);

    public async Task InvokeAsync(HttpContext context)
    {
        var path = context.Request.Path;
        if (_tokens.Count == 0 || !path.StartsWithSegments("/api", StringComparison.Ordinal))
        {
            await next(context);
            return;
        }

        var presented = Presented(context.Request);
        var role = presented is null ? null : Match(presented);
        if (role is null)
        {
            context.Response.Headers.WWWAuthenticate = "Bearer";
            await Results.Problem("a valid bearer token is required", statusCode: 401, title: "unauthenticated").ExecuteAsync(context);
            return;
        }

        var needed = Required(context.Request.Method, path.Value ?? "");
        if (role < needed)
        {
            await Results.Problem($"this call needs the {needed.ToString().ToLowerInvariant()} role; the token has {role.Value.ToString().ToLowerInvariant()}", statusCode: 403, title: "forbidden").ExecuteAsync(context);
            return;
        }

        context.Items[RoleKey] = role.Value;
        await next(context);
    }

    public const string RoleKey = "federation.role";

    /// <summary>The caller's role; with no tokens configured every caller is admin.</summary>
    public static Role RoleOf(HttpContext context) => context.Items.TryGetValue(RoleKey, out var r) && r is Role role ? role : Role.Admin;

    /// <summary>The role a call needs, by method and route.</summary>
    public static Role Required(string method, string path)
    {
        if (HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || path.Equals("/api/v1/plans", StringComparison.Ordinal))
        {
            return Role.Viewer;
        }

        var segments = path.Trim('/').Split('/');
        var clusters = segments is ["api", "v1", "clusters", ..];
        return clusters switch
        {
            true when segments.Length == 3 => Role.Admin,                               // join
            true when segments.Length == 4 && HttpMethods.IsDelete(method) => Role.Admin, // unjoin
            true when segments.Length >= 5 && segments[4] == "retire" => Role.Admin,
            _ => Role.Operator,
        };
    }

    /// <summary>A fresh admin token, for the demo to print.</summary>
    public static string NewToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    private static string? Presented(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header["Bearer ".Length..].Trim();
        }

        // EventSource cannot send headers: the live stream may carry the token in the query.
        return request.Query.TryGetValue("access_token", out var token) ? token.ToString() : null;
    }

    private Role? Match(string presented)
    {
        var bytes = Encoding.UTF8.GetBytes(presented);
        Role? found = null;
        foreach (var (role, token) in _tokens)
        {
            if (CryptographicOperations.FixedTimeEquals(bytes, token) && (found is null || role > found))
            {
                found = role;
            }
        }

        return found;
    }

    private static List<(Role, byte[])> Parse(Dictionary<string, string> tokens)
    {
        var parsed = new List<(Role, byte[])>();
        foreach (var (name, value) in tokens)
        {
            var colon = value.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || !Enum.TryParse<Role>(value[..colon], ignoreCase: true, out var role) || colon == value.Length - 1)
            {
                throw new InvalidOperationException($"Federation:Tokens:{name} must be 'viewer|operator|admin:<token>'");
            }

            parsed.Add((role, Encoding.UTF8.GetBytes(value[(colon + 1)..])));
        }

        return parsed;
    }
}
