using System.CommandLine;

namespace Federation.Cli;

/// <summary>
/// The options every client verb shares: where the server is, the bearer token and,
/// where it makes sense, the output format. Each verb gets its own instances so that
/// a verb may give a name another meaning (<c>clusters join --server</c> is the member's URL).
/// </summary>
internal sealed class ConnectionOptions
{
    public const string DefaultServer = "http://127.0.0.1:8080";

    private readonly CliContext _context;

    public ConnectionOptions(CliContext context, bool serverFlagIsTaken = false)
    {
        _context = context;
        Server = serverFlagIsTaken
            ? new Option<string>("--federation-server")
            : new Option<string>("--server", "--federation-server");
        Server.Description = $"URL of the federation API (env FEDERATION_SERVER, default {DefaultServer})";
        Server.HelpName = "URL";
        Server.DefaultValueFactory = _ => context.Environment("FEDERATION_SERVER") is { Length: > 0 } url ? url : DefaultServer;
        // No default value factory: help prints defaults, and a token must never be echoed.
        Token = new Option<string?>("--token")
        {
            Description = "Bearer token for the federation API (env FEDERATION_TOKEN)",
            HelpName = "TOKEN",
        };
    }

    public Option<string> Server { get; }

    public Option<string?> Token { get; }

    public void AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(Token);
    }

    /// <summary>A client for the parsed server and token; a malformed URL is refused before any request.</summary>
    public FederationClient Connect(ParseResult result)
    {
        var server = result.GetValue(Server) ?? DefaultServer;
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new CliInputException($"{Server.Name}: '{server}' is not an http(s) URL");
        }

        // A base address without a trailing slash would drop its last path segment.
        if (!uri.AbsolutePath.EndsWith('/'))
        {
            uri = new Uri(uri + "/");
        }

        var token = result.GetValue(Token) ?? _context.Environment("FEDERATION_TOKEN");
        return new FederationClient(uri, token, _context.Handler?.Invoke());
    }

    /// <summary>The <c>-o|--output</c> option.</summary>
    public static Option<string> Output()
    {
        var option = new Option<string>("--output", "-o")
        {
            Description = "Output format: table or json",
            DefaultValueFactory = _ => "table",
        };
        option.AcceptOnlyFromAmong("table", "json");
        return option;
    }
}
