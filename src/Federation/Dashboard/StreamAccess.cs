using System.Security.Cryptography;
using System.Text;

namespace Federation.Dashboard;

/// <summary>
/// Who may read the stream. With no tokens configured the API is open, and so is the stream.
/// Otherwise any configured token will do (every role may look). EventSource cannot send an
/// Authorization header, so the page passes its token as <c>?access_token=</c>; the header is
/// honoured too for other clients.
/// </summary>
public static class StreamAccess
{
    public const string QueryParameter = "access_token";

    /// <param name="tokens">name → "role:token", as in FederationOptions.Tokens.</param>
    public static bool Allows(HttpRequest request, IReadOnlyDictionary<string, string> tokens)
    {
        if (tokens.Count == 0)
        {
            return true;
        }

        var presented = Bearer(request.Headers.Authorization.ToString()) ?? request.Query[QueryParameter].ToString();
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        var given = Encoding.UTF8.GetBytes(presented);
        var allowed = false;
        foreach (var entry in tokens.Values)
        {
            // Compare against every token in constant time: how long the check takes must not
            // tell which prefix of which token was right.
            var secret = Encoding.UTF8.GetBytes(entry[(entry.IndexOf(':', StringComparison.Ordinal) + 1)..]);
            allowed |= secret.Length > 0 && CryptographicOperations.FixedTimeEquals(secret, given);
        }

        return allowed;
    }

    private static string? Bearer(string header) =>
        header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
}
