using System.Security.Cryptography;
using System.Text;

namespace Federation.Api.Access;

/// <summary>
/// The configured bearer tokens (name → "role:token"), parsed strictly: the role is exactly one of
/// viewer, operator or admin, and the token is at least <see cref="MinimumLength"/> characters and
/// not a placeholder shipped in the manifests. A bad entry refuses start-up with a message naming it.
/// </summary>
public sealed class TokenTable
{
    public const int MinimumLength = 32;

    /// <summary>How the placeholder values of deploy/kubernetes/secret.yaml begin.</summary>
    public const string PlaceholderPrefix = "REPLACE_ME";

    private readonly List<(Role Role, byte[] Secret)> _entries;

    private TokenTable(List<(Role, byte[])> entries) => _entries = entries;

    public bool IsEmpty => _entries.Count == 0;

    /// <summary>Parses every entry; the problems of all bad entries together, or the table.</summary>
    public static TokenTable Parse(IReadOnlyDictionary<string, string> configured, out IReadOnlyList<string> problems)
    {
        var errors = new List<string>();
        var entries = new List<(Role, byte[])>();
        foreach (var (name, value) in configured.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var where = $"Federation:Tokens:{name}";
            var colon = (value ?? "").IndexOf(':', StringComparison.Ordinal);
            var roleText = colon < 0 ? "" : value![..colon];
            var secret = colon < 0 ? "" : value![(colon + 1)..];
            if (RoleOf(roleText) is not { } role)
            {
                errors.Add($"{where} must be 'viewer:<token>', 'operator:<token>' or 'admin:<token>' (one role, by name)");
            }
            else if (secret.StartsWith(PlaceholderPrefix, StringComparison.Ordinal))
            {
                errors.Add($"{where} still holds the placeholder from the manifests; generate a token, e.g. `openssl rand -hex 32`");
            }
            else if (secret.Length < MinimumLength || secret.Trim() != secret)
            {
                errors.Add($"{where}: the token must be at least {MinimumLength} characters without surrounding spaces (it has {secret.Length})");
            }
            else
            {
                entries.Add((role, Encoding.UTF8.GetBytes(secret)));
            }
        }

        problems = errors;
        return new TokenTable(entries);
    }

    /// <summary>The highest role of the tokens equal to <paramref name="presented"/>, compared in constant time.</summary>
    public Role? Match(string presented)
    {
        var given = Encoding.UTF8.GetBytes(presented);
        Role? found = null;
        foreach (var (role, secret) in _entries)
        {
            // Compare against every token: how long the check takes must not tell which one was close.
            if (CryptographicOperations.FixedTimeEquals(given, secret) && (found is null || role > found))
            {
                found = role;
            }
        }

        return found;
    }

    /// <summary>A fresh token (48 hex characters), for the demo to print.</summary>
    public static string NewToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(24)).ToLowerInvariant();

    /// <summary>Names only: "viewer,operator", "2" or " admin" are not roles.</summary>
    private static Role? RoleOf(string text) => text.ToLowerInvariant() switch
    {
        "viewer" => Role.Viewer,
        "operator" => Role.Operator,
        "admin" => Role.Admin,
        _ => null,
    };
}
