using System.Diagnostics;

namespace Federation.Tests.Distributed;

/// <summary>
/// One silo of the real executable (<c>federation serve --redis ...</c>) as its own process,
/// with its REST API on a loopback port. Killed with SIGKILL by PID: no graceful shutdown.
/// </summary>
public sealed class SiloProcess : IDisposable
{
    private readonly Process _process;
    private readonly Queue<string> _output = new();

    private SiloProcess(string name, Process process, string apiUrl)
    {
        Name = name;
        _process = process;
        ApiUrl = apiUrl;
        Api = new HttpClient { BaseAddress = new Uri(apiUrl), Timeout = TimeSpan.FromSeconds(15) };
    }

    public string Name { get; }

    public string ApiUrl { get; }

    public HttpClient Api { get; }

    public int Pid => _process.Id;

    public bool Alive => !_process.HasExited;

    /// <summary>The last lines the silo printed, for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return string.Join('\n', _output);
            }
        }
    }

    public static SiloProcess Start(string name, string redis, IReadOnlyDictionary<string, string> settings)
    {
        var apiUrl = $"http://127.0.0.1:{Ports.Free()}";
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Executable(), "serve", "--api-urls", apiUrl, "--redis", redis, "--silo-port", Ports.Free().ToString(), "--gateway-port", Ports.Free().ToString(), "--allow-anonymous" })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in settings)
        {
            info.Environment[$"Federation__{key}"] = value;
        }

        // Orleans reports every lost peer at length; keep its warnings out of the way.
        info.Environment["Logging__LogLevel__Orleans"] = "Error";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var silo = new SiloProcess(name, process, apiUrl);
        process.OutputDataReceived += (_, e) => silo.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        await ControlPlane.Eventually.WaitAsync(
            async () =>
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"silo {Name} exited with {_process.ExitCode}:\n{Output}");
                }

                return (await Api.GetAsync("/readyz")).IsSuccessStatusCode;
            },
            timeout,
            $"silo {Name} to be ready");
    }

    /// <summary>kill -9: the process and its sockets vanish with whatever was in flight.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
    }

    /// <summary>SIGTERM, as Kubernetes stops a pod; returns how long the process took to exit, or null if it is still running after <paramref name="limit"/>.</summary>
    public async Task<TimeSpan?> TerminateAsync(TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var wait = new CancellationTokenSource(limit);
        try
        {
            await _process.WaitForExitAsync(wait.Token);
            return clock.Elapsed;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
        Api.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Enqueue(line);
            while (_output.Count > 200)
            {
                _output.Dequeue();
            }
        }
    }

    /// <summary>
    /// federation.dll as built: next to the test assembly when the SDK copied its runtime config
    /// there, otherwise in the Federation project's own output (FEDERATION_BUILD_DIR or the tree).
    /// </summary>
    internal static string Executable()
    {
        var here = Path.GetDirectoryName(typeof(Federation.Hosting.FederationHost).Assembly.Location)!;
        var tfm = new DirectoryInfo(here).Name;
        var configuration = new DirectoryInfo(here).Parent!.Name;
        string[] candidates =
        [
            Path.Combine(here, "federation.dll"),
            Path.GetFullPath(Path.Combine(here, "..", "..", "..", "..", "Federation", "bin", configuration, tfm, "federation.dll")),
            Path.GetFullPath(Path.Combine(here, "..", "..", "..", "..", "..", "src", "Federation", "bin", configuration, tfm, "federation.dll")),
        ];
        return candidates.FirstOrDefault(c => File.Exists(c) && File.Exists(Path.ChangeExtension(c, ".runtimeconfig.json")))
            ?? throw new FileNotFoundException($"federation.dll with its runtimeconfig not found in: {string.Join(", ", candidates)}");
    }
}
