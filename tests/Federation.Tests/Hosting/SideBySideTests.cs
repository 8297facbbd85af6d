using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using Federation.Grains;
using Federation.Scheduling;
using Federation.Tests.ControlPlane;
using Federation.Tests.Distributed;

namespace Federation.Tests.Hosting;

/// <summary>Hosts on one machine: free silo and gateway ports, members off taken ports, conflicts that name the flag.</summary>
public sealed class SideBySideTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Two_demos_run_side_by_side_and_the_second_moves_its_members_off_the_firsts_ports()
    {
        // The second demo's API is just below the first's, so its usual member ports (API+1..3) are the first's API and members.
        // Tests running beside this one take ephemeral ports too: a run of ports found free can be taken before
        // a demo binds it, which the demo reports and refuses; then the test picks another run.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await SideBySideAsync(FreeRun(5));
                return;
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("already in use", StringComparison.Ordinal))
            {
            }
        }
    }

    private static async Task SideBySideAsync(int first)
    {
        var second = first - 1;
        using var demo1 = Demo(first);
        await demo1.WaitForOutputAsync("Federation demo is running", Deadline);
        using var demo2 = Demo(second);
        await demo2.WaitForOutputAsync("Federation demo is running", Deadline);

        foreach (var port in new[] { first, second })
        {
            using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await Eventually.WaitAsync(
                async () => (await api.GetFromJsonAsync<List<ClusterView>>("/api/v1/clusters", Fleet.Json))!.Count(c => c.State == MemberState.Ready) == 3,
                Deadline,
                $"three Ready members behind the demo on {port}");
            await Eventually.WaitAsync(
                async () => (await api.GetFromJsonAsync<ApplicationView>("/api/v1/namespaces/default/applications/web", Fleet.Json))!.ReadyReplicas == 8,
                Deadline,
                $"the sample application ready on the demo on {port}");
        }

        Assert.DoesNotContain($"127.0.0.1:{first}/", MemberLines(demo2.Output), StringComparison.Ordinal);
        Assert.DoesNotContain($"127.0.0.1:{first + 1}/", MemberLines(demo2.Output), StringComparison.Ordinal);
    }

    public static TheoryData<string, string> Conflicts => new()
    {
        { "demo", "--api-port" },
        { "demo", "--silo-port" },
        { "serve", "--gateway-port" },
    };

    [Theory]
    [MemberData(nameof(Conflicts))]
    public async Task A_port_taken_is_named_with_its_flag(string verb, string flag)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        var dir = Path.Combine(Path.GetTempPath(), "federation-tests", Guid.NewGuid().ToString("N"));
        string[] args = verb == "demo"
            ? ["demo", "--no-auth", "--data-dir", dir, "--api-port", flag == "--api-port" ? $"{port}" : $"{FreeRun(4)}", .. flag == "--api-port" ? Array.Empty<string>() : [flag, $"{port}"]]
            : ["serve", "--allow-anonymous", "--data-dir", dir, "--api-urls", $"http://127.0.0.1:{Ports.Free()}", "--silo-port", "0", flag, $"{port}"];
        using var process = FederationProcess.Start(args);

        var exit = await process.WaitForExitAsync(Deadline);

        Assert.Equal(1, exit);
        Assert.Contains($"port {port} is already in use", process.Output, StringComparison.Ordinal);
        Assert.Contains(flag, process.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fleet_bench_told_to_stop_by_SIGTERM_stops_at_once_and_quietly()
    {
        // Its in-process host takes the signal (the host's lifetime, not the command line's token, hears it).
        using var bench = FederationProcess.Start("bench", "fleet", "--applications", "20000", "--members", "2", "--replicas", "1");
        await bench.WaitForOutputAsync("placing 20000 applications", Deadline);

        var took = await bench.TerminateAsync(TimeSpan.FromSeconds(30));

        Assert.True(took is not null, $"still running 30 s after SIGTERM:\n{bench.Tail(20)}");
        Assert.Equal(130, bench.ExitCode);
        Assert.Contains("bench stopped before it finished", bench.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", bench.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_help_says_how_to_configure_tokens_and_anonymous_serving_says_so()
    {
        using var help = FederationProcess.Start("serve", "--help");
        Assert.Equal(0, await help.WaitForExitAsync(Deadline));
        Assert.Contains("Federation__Tokens__<name>=<role>:<token>", help.Output, StringComparison.Ordinal);
        Assert.Contains("--allow-anonymous", help.Output, StringComparison.Ordinal);

        var dir = Path.Combine(Path.GetTempPath(), "federation-tests", Guid.NewGuid().ToString("N"));
        using var serve = FederationProcess.Start(
            "serve", "--data-dir", dir, "--api-urls", $"http://127.0.0.1:{Ports.Free()}", "--silo-port", "0", "--gateway-port", "0", "--allow-anonymous");
        await serve.WaitForOutputAsync("ANONYMOUS ACCESS", Deadline);
    }

    private static FederationProcess Demo(int apiPort) => FederationProcess.Start(
        "demo", "--no-auth", "--api-port", $"{apiPort}", "--data-dir", Path.Combine(Path.GetTempPath(), "federation-tests", Guid.NewGuid().ToString("N")));

    private static string MemberLines(string output) =>
        string.Join('\n', output.Split('\n').Where(l => l.TrimStart().StartsWith("member ", StringComparison.Ordinal)));

    /// <summary>A port whose neighbours (port-1 .. port+count-1) are free too.</summary>
    internal static int FreeRun(int count)
    {
        while (true)
        {
            var port = Ports.Free();
            if (port > 1024 && port + count < 65000 && Enumerable.Range(port - 1, count + 1).All(HostPortsFree))
            {
                return port;
            }
        }
    }

    private static bool HostPortsFree(int port) => Federation.Hosting.HostPorts.IsFree(port);
}
