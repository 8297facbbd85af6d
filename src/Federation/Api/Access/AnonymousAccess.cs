using System.Net;
using Federation.Grains;
using Federation.Hosting;

namespace Federation.Api.Access;

/// <summary>
/// An API without tokens is open to every caller as admin, so it must be asked for
/// (<see cref="FederationOptions.AllowAnonymous"/>, <c>serve --allow-anonymous</c>) and is served
/// on loopback only; a host with neither tokens nor that permission does not start.
/// </summary>
public static class AnonymousAccess
{
    /// <summary>True when the API runs without tokens; throws, naming the cause, when it must not start.</summary>
    public static bool Decide(FederationOptions options, TokenTable tokens, IReadOnlyList<string> problems)
    {
        if (problems.Count > 0)
        {
            throw new StartupRefusedException($"the API tokens are not usable:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", problems)}");
        }

        if (!tokens.IsEmpty)
        {
            return false;
        }

        if (!options.AllowAnonymous)
        {
            throw new StartupRefusedException(
                "no API token is configured (Federation__Tokens__<name>=\"<role>:<token>\"); refusing to serve every route to anyone. " +
                "For a local try-out without tokens use --allow-anonymous (loopback only).");
        }

        var exposed = Urls(options.ApiUrls).Where(u => !IsLoopback(u)).ToList();
        if (exposed.Count > 0)
        {
            throw new StartupRefusedException($"anonymous access is served on loopback only, not on {string.Join(", ", exposed)}");
        }

        return true;
    }

    /// <summary>The same URLs with every host replaced by 127.0.0.1 (ports kept).</summary>
    public static string OnLoopback(string apiUrls) => string.Join(';', Urls(apiUrls).Select(u =>
    {
        var scheme = u.Split("://", 2)[0];
        var port = u.LastIndexOf(':') is var c && c > scheme.Length + 2 && int.TryParse(u[(c + 1)..].TrimEnd('/'), out var p) ? p : scheme == "https" ? 443 : 80;
        return $"{scheme}://127.0.0.1:{port}";
    }));

    private static IEnumerable<string> Urls(string apiUrls) => apiUrls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static bool IsLoopback(string url)
    {
        // Kestrel also takes wildcards (http://*:8080, http://+:8080), which Uri does not parse: not loopback.
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }

        return uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));
    }
}
