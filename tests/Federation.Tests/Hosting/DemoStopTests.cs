using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Federation.Grains;
using Federation.Scheduling;
using Federation.Tests.ControlPlane;

namespace Federation.Tests.Hosting;

/// <summary>The demo stops on SIGTERM at once and without an exception trace, whatever its members are doing.</summary>
public sealed partial class DemoStopTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_demo_whose_member_hangs_stops_at_once_and_quietly_on_sigterm()
    {
        var port = SideBySideTests.FreeRun(4);
        using var demo = FederationProcess.Start(
            "demo", "--no-auth", "--api-port", $"{port}", "--data-dir", Path.Combine(Path.GetTempPath(), "federation-tests", Guid.NewGuid().ToString("N")));
        await demo.WaitForOutputAsync("Federation demo is running", Deadline);
        var west = WestUrl().Match(demo.Output).Groups["url"].Value;
        using var api = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        await Eventually.WaitAsync(
            async () => (await api.GetFromJsonAsync<ApplicationView>("/api/v1/namespaces/default/applications/web", Fleet.Json))!.ReadyReplicas == 8,
            Deadline,
            "the sample application ready");

        // The member accepts connections and never answers: probes, watches and capacity reads wait on it.
        using var sim = new HttpClient { BaseAddress = new Uri(west) };
        (await sim.PostAsJsonAsync("_sim/outage", new { mode = "hang" })).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(
            async () => (await api.GetFromJsonAsync<List<ClusterView>>("/api/v1/clusters", Fleet.Json))!.Single(c => c.Name == "west").State == MemberState.NotReady,
            Deadline,
            "west NotReady");

        var took = await demo.TerminateAsync(TimeSpan.FromSeconds(30));

        Assert.True(took is not null, $"still running 30 s after SIGTERM:\n{demo.Tail(20)}");
        Assert.True(took < TimeSpan.FromSeconds(10), $"took {took} to stop:\n{demo.Tail(20)}");
        Assert.DoesNotContain("   at ", demo.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"member west\s+(?<url>http://\S+/)")]
    private static partial Regex WestUrl();
}
