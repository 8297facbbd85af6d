using System.Diagnostics;

namespace Federation.Tests.Hosting;

/// <summary>
/// The real executable (<c>dotnet federation.dll ...</c>) as a child process, its output kept.
/// The one way the tests start it: a demo, a help page or a silo of a distributed fleet.
/// </summary>
internal sealed class FederationProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private FederationProcess(Process process) => _process = process;

    public string Output => Tail(int.MaxValue);

    public bool Exited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public int Pid => _process.Id;

    public static FederationProcess Start(params string[] args) => Start(args, new Dictionary<string, string>());

    public static FederationProcess Start(IEnumerable<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Executable());
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        // Orleans reports every lost peer at length; keep its warnings out of the way.
        info.Environment["Logging__LogLevel__Orleans"] = "Error";
        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var wrapper = new FederationProcess(process);
        process.OutputDataReceived += (_, e) => wrapper.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => wrapper.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return wrapper;
    }

    /// <summary>The last <paramref name="lines"/> lines printed, for failure messages.</summary>
    public string Tail(int lines)
    {
        lock (_output)
        {
            return string.Join('\n', _output.Skip(Math.Max(0, _output.Count - lines)));
        }
    }

    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cts.Token);
        _process.WaitForExit(); // flushes the redirected output
        return _process.ExitCode;
    }

    public Task WaitForOutputAsync(string text, TimeSpan timeout) => ControlPlane.Eventually.WaitAsync(
        () => Output.Contains(text, StringComparison.Ordinal)
            || (Exited ? throw new InvalidOperationException($"exited with {ExitCode} before '{text}':\n{Output}") : false),
        timeout,
        $"'{text}' in the output");

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

    private void Keep(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Add(line);
            }
        }
    }
}
