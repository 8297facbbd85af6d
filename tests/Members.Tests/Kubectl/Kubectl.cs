using System.Diagnostics;
using System.Text;
using Federation.Members.Simulation;

namespace Federation.Members.Tests.Kubectl;

/// <summary>Runs the real /usr/bin/kubectl against a simulated member, with a kubeconfig in a temp file.</summary>
internal sealed class Kubectl : IDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(20);
    private readonly string _dir = Directory.CreateTempSubdirectory("sim-kubectl-").FullName;

    public Kubectl(SimulatedMemberCluster cluster)
    {
        KubeconfigPath = Path.Combine(_dir, "kubeconfig");
        cluster.WriteKubeconfig(KubeconfigPath);
    }

    public string KubeconfigPath { get; }

    public static bool Installed => File.Exists("/usr/bin/kubectl");

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    public async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var process = Start(args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(RunTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish within {RunTimeout}");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts a long-running kubectl (e.g. <c>get -w</c>); the caller reads its output and kills it.</summary>
    public Process Start(params string[] args)
    {
        var info = new ProcessStartInfo("/usr/bin/kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--kubeconfig");
        info.ArgumentList.Add(KubeconfigPath);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["HOME"] = _dir;
        return Process.Start(info) ?? throw new InvalidOperationException("kubectl did not start");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
