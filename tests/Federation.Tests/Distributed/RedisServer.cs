using System.Diagnostics;
using System.Net.Sockets;

namespace Federation.Tests.Distributed;

/// <summary>
/// A redis-server of our own on a free loopback port, killed by PID. With an append-only file
/// (fsync on every write) it can be killed and started again on the same port with its data,
/// as a production Redis with persistence comes back after a crash.
/// </summary>
public sealed class RedisServer : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "federation-redis", Guid.NewGuid().ToString("N"));
    private readonly bool _persistent;
    private Process? _process;

    private RedisServer(int port, bool persistent)
    {
        Port = port;
        _persistent = persistent;
        Directory.CreateDirectory(_dir);
    }

    public int Port { get; }

    public string ConnectionString => $"127.0.0.1:{Port},abortConnect=false";

    public static async Task<RedisServer> StartAsync(bool persistent = false)
    {
        var server = new RedisServer(Ports.Free(), persistent);
        await server.StartAgainAsync();
        return server;
    }

    /// <summary>Starts the server (again) on its port and waits until it accepts connections.</summary>
    public async Task StartAgainAsync()
    {
        var persistence = _persistent ? "--appendonly yes --appendfsync always" : "--appendonly no";
        var info = new ProcessStartInfo("redis-server", $"--bind 127.0.0.1 --port {Port} --save \"\" {persistence} --dir {_dir}")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start (apt-get install -y redis-server)");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await ControlPlane.Eventually.WaitAsync(() => Ports.Accepts(Port), TimeSpan.FromSeconds(10), $"redis-server on port {Port}");
    }

    /// <summary>kill -9, then waits until the port refuses connections.</summary>
    public async Task KillAsync()
    {
        if (_process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            await p.WaitForExitAsync();
        }

        await ControlPlane.Eventually.WaitAsync(() => !Ports.Accepts(Port), TimeSpan.FromSeconds(10), $"port {Port} to close");
    }

    public void Dispose()
    {
        try
        {
            if (_process is { HasExited: false } p)
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process?.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory.
        }
    }
}

/// <summary>Loopback ports: a free one, and whether one accepts connections.</summary>
public static class Ports
{
    public static int Free()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool Accepts(int port)
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(System.Net.IPAddress.Loopback, port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
