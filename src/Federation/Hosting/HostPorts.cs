using System.Net;
using System.Net.Sockets;
using Federation.Grains;

namespace Federation.Hosting;

/// <summary>
/// The ports a host binds. 0 means "pick a free one", so that two hosts can share a machine; a
/// port already taken is reported with the flag that sets it, before anything starts.
/// </summary>
public static class HostPorts
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>0 becomes a free port; any other port stays as given.</summary>
    public static int Resolve(int port) => port == 0 ? Free() : port;

    public static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    /// <summary>The first port of <paramref name="ports"/> already in use, named with its flag; null when all are free.</summary>
    public static string? Conflict(params (int Port, string Flag)[] ports)
    {
        foreach (var (port, flag) in ports)
        {
            if (port != 0 && !IsFree(port))
            {
                var zero = flag is "--silo-port" or "--gateway-port" ? " (0 picks a free one)" : "";
                return $"port {port} is already in use (another federation host?): set {flag} to another port{zero}";
            }
        }

        return null;
    }

    /// <summary>The ports of API URLs such as http://0.0.0.0:8080;http://[::]:8081.</summary>
    public static IEnumerable<int> Of(string urls) => urls
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(u => Uri.TryCreate(u.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri) ? uri.Port : 0)
        .Where(p => p > 0);

    /// <summary>True when a start-up failure is a port taken between the check and the bind.</summary>
    public static bool IsAddressInUse(Exception e) =>
        e.ToString().Contains("Address already in use", StringComparison.OrdinalIgnoreCase)
        || e is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse };

    /// <summary>
    /// Starts the host; a port taken between the check and the bind (a race with another process)
    /// comes back as a message naming every port and its flag instead of Orleans' bare socket error.
    /// </summary>
    public static async Task<string?> StartAsync(WebApplication app, FederationOptions options, string apiFlag, CancellationToken ct)
    {
        try
        {
            await app.StartAsync(ct);
            return null;
        }
        catch (Exception e) when (IsAddressInUse(e))
        {
            return $"a port is already in use: API {options.ApiUrls} ({apiFlag}), silo {options.SiloPort} (--silo-port), gateway {options.GatewayPort} (--gateway-port); "
                + $"change the one that is taken (0 picks a free silo or gateway port): {e.GetBaseException().Message}";
        }
    }
}
