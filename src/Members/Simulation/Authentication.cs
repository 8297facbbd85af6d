using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;

namespace Federation.Members.Simulation;

/// <summary>
/// Bearer tokens of one member: an admin token (the one the kubeconfig carries) and a read-only
/// token. A wrong token is 401 Unauthorized; so is no token when tokens are required; the
/// read-only caller gets 403 Forbidden on writes, with the API server's message.
/// </summary>
internal sealed class Authentication(string name, string token, string readOnlyToken, bool required)
{
    public string Token => token;

    public string ReadOnlyToken => readOnlyToken;

    public string ReadOnlyUser => $"{name}-readonly";

    public static string NewToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();

    /// <summary>The caller's user name (null when anonymous is allowed); throws 401 for a wrong or missing token.</summary>
    public string? Authenticate(HttpContext ctx)
    {
        var header = ctx.Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return required ? throw Unauthorized() : null;
        }

        var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "";
        if (Same(presented, token))
        {
            return $"{name}-admin";
        }

        return Same(presented, readOnlyToken) ? ReadOnlyUser : throw Unauthorized();
    }

    /// <summary>403 when a read-only caller writes.</summary>
    public void Authorize(string? user, string method, ResourceInfo info, string? ns, string? name)
    {
        if (user != ReadOnlyUser || method is "GET" or "HEAD")
        {
            return;
        }

        var verb = method switch { "POST" => "create", "PUT" => "update", "PATCH" => "patch", "DELETE" => "delete", _ => method.ToLowerInvariant() };
        var target = name is null ? info.Qualified : $"{info.Qualified} \"{name}\"";
        var scope = ns is null ? "at the cluster scope" : $"in the namespace \"{ns}\"";
        throw new ApiException(403, "Forbidden",
            $"{target} is forbidden: User \"{user}\" cannot {verb} resource \"{info.Plural}\" in API group \"{info.Group}\" {scope}",
            new k8s.Models.V1StatusDetails { Name = name, Group = info.Group, Kind = info.Plural });
    }

    private static ApiException Unauthorized() => new(401, "Unauthorized", "Unauthorized");

    private static bool Same(string presented, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));
}
