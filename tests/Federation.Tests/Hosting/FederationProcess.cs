using System.Diagnostics;
using Federation.Tests.Distributed;

namespace Federation.Tests.Hosting;

/// <summary>The real executable (<c>dotnet federation.dll ...</c>) as a child process, its output kept.</summary>
internal sealed class FederationProcess : IDisposable
{
    private readonly Process _process;
    private readonly List<string> _output = [];

    private FederationProcess(Process process) => _process = process;

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

    public bool Exited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static FederationProcess Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(SiloProcess.Executable());
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["Logging__LogLevel__Orleans"] = "Error";
        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var wrapper = new FederationProcess(process);
        process.OutputDataReceived += (_, e) => wrapper.Keep(e.Data);
        process.ErrorDataReceived += (_, e) => wrapper.Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return wrapper;
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
