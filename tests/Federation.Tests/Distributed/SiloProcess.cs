using Federation.Tests.Hosting;

namespace Federation.Tests.Distributed;

/// <summary>
/// One silo of the real executable (<c>federation serve --redis ...</c>) as its own process,
/// with its REST API on a loopback port. Killed with SIGKILL by PID: no graceful shutdown.
/// </summary>
public sealed class SiloProcess : IDisposable
{
    private readonly FederationProcess _process;

    private SiloProcess(string name, FederationProcess process, string apiUrl)
    {
        Name = name;
        _process = process;
        ApiUrl = apiUrl;
        Api = new HttpClient { BaseAddress = new Uri(apiUrl), Timeout = TimeSpan.FromSeconds(15) };
    }

    public string Name { get; }

    public string ApiUrl { get; }

    public HttpClient Api { get; }

    public int Pid => _process.Pid;

    public bool Alive => !_process.Exited;

    /// <summary>The last lines the silo printed, for failure messages.</summary>
    public string Output => _process.Tail(200);

    public static SiloProcess Start(string name, string redis, IReadOnlyDictionary<string, string> settings)
    {
        var apiUrl = $"http://127.0.0.1:{Ports.Free()}";
        string[] args = ["serve", "--api-urls", apiUrl, "--redis", redis, "--silo-port", Ports.Free().ToString(), "--gateway-port", Ports.Free().ToString(), "--allow-anonymous"];
        var environment = settings.ToDictionary(s => $"Federation__{s.Key}", s => s.Value);
        return new SiloProcess(name, FederationProcess.Start(args, environment), apiUrl);
    }

    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        await ControlPlane.Eventually.WaitAsync(
            async () =>
            {
                if (_process.Exited)
                {
                    // Waiting for the exit flushes what it printed on the way out (a port taken, a bad setting).
                    var code = await _process.WaitForExitAsync(TimeSpan.FromSeconds(5));
                    throw new InvalidOperationException($"silo {Name} exited with {code}:\n{Output}");
                }

                return (await Api.GetAsync("/readyz")).IsSuccessStatusCode;
            },
            timeout,
            $"silo {Name} to be ready");
    }

    /// <summary>kill -9: the process and its sockets vanish with whatever was in flight.</summary>
    public Task KillAsync() => _process.KillAsync();

    /// <inheritdoc cref="FederationProcess.TerminateAsync"/>
    public Task<TimeSpan?> TerminateAsync(TimeSpan limit) => _process.TerminateAsync(limit);

    public void Dispose()
    {
        _process.Dispose();
        Api.Dispose();
    }
}
