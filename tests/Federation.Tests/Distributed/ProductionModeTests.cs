using System.Diagnostics;
using System.Net.Http.Json;
using Federation.Grains;
using Federation.Scheduling;
using Federation.Tests.ControlPlane;
using Xunit.Abstractions;

namespace Federation.Tests.Distributed;

/// <summary>
/// Production mode end to end: silo processes of the real executable over one redis-server,
/// losing a silo (kill -9) or Redis itself while the fleet is busy.
/// </summary>
public sealed class ProductionModeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ApiSamplePeriod = TimeSpan.FromMilliseconds(100);

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_drain_finishes_through_the_survivors_when_a_silo_is_killed()
    {
        // Slow pods make the drain last long enough for the kill to land in the middle of it.
        await using var fleet = await DistributedFleet.StartAsync(silos: 3, ["east", "west", "central"], TimeSpan.FromMilliseconds(1500));
        await fleet.JoinAllAsync(fleet.Silos[0]);
        var started = DateTime.UtcNow;
        (await fleet.Silos[0].Api.PutAsJsonAsync("/api/v1/namespaces/default/applications/web", DistributedFleet.Steady("web", 6))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "web") == 6 && fleet["west"].SpecReplicas("default", "web") == 2, Deadline, "6 ready, 2 on west");

        // Kill the silo the application grain lives on; talk to another one ("silo A").
        var owner = fleet.LastCallerFor("web", started);
        var victim = owner is { } pid ? fleet.SiloOf(pid) : fleet.Silos[2];
        var api = fleet.Silos.First(s => s != victim);
        output.WriteLine($"application grain on silo {(owner is null ? "unknown" : victim.Name)}; API through silo {api.Name}");

        using var sampling = new CancellationTokenSource();
        var maxSpec = 0;
        Stopwatch? killedAt = null;
        var specSampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                var total = fleet.SpecTotal("default", "web");
                if (total > maxSpec)
                {
                    output.WriteLine($"{killedAt?.Elapsed.TotalSeconds:+0.0;-0.0;0} s: {total} set: {string.Join(", ", fleet.Members.Select(m => $"{m.Name} {m.SpecReplicas("default", "web")}"))}");
                }

                maxSpec = Math.Max(maxSpec, total);
                await Task.Delay(5);
            }
        });
        var apiSampler = Task.Run(() => SampleApiAsync(api, "/api/v1/applications", sampling.Token));

        var drainStarted = Stopwatch.StartNew();
        (await api.Api.PostAsync("/api/v1/clusters/west/drain", null)).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet["west"].SpecReplicas("default", "web") < 2, Deadline, "the drain part way");
        await victim.KillAsync();
        var killed = killedAt = Stopwatch.StartNew();
        await Eventually.WaitAsync(
            () => fleet["west"].SpecReplicas("default", "web") == 0 && fleet.ReadyTotal("default", "web") == 6,
            Deadline,
            "the drain to finish on the survivors");
        var afterKill = killed.Elapsed;
        var drain = drainStarted.Elapsed;

        await sampling.CancelAsync();
        await specSampler;
        var api1 = await apiSampler;
        output.WriteLine($"drain took {drain.TotalSeconds:0.0} s in all, {afterKill.TotalSeconds:0.0} s after the kill; at most {maxSpec} replicas set at once");
        output.WriteLine(api1.ToString());
        foreach (var r in fleet.Proxies.SelectMany(p => p.Since(started, r => r.Method != "GET" && r.PathAndQuery.Contains("/deployments", StringComparison.Ordinal))).OrderBy(r => r.At))
        {
            output.WriteLine($"{r.At:HH:mm:ss.fff} {r.Method} {r.PathAndQuery} from {r.Pid}");
        }

        // Nothing lost, seen through a survivor.
        var apps = await api.Api.GetFromJsonAsync<List<ApplicationView>>("/api/v1/applications", Fleet.Json);
        var members = await api.Api.GetFromJsonAsync<List<ClusterView>>("/api/v1/clusters", Fleet.Json);
        Assert.Equal(["default/web"], apps!.Select(a => $"{a.Namespace}/{a.Name}"));
        Assert.Equal(["central", "east", "west"], members!.Select(m => m.Name).Order());
        Assert.Equal(MemberState.Draining, members!.Single(m => m.Name == "west").State);
        await Eventually.WaitAsync(
            async () => (await api.Api.GetFromJsonAsync<ApplicationView>("/api/v1/namespaces/default/applications/web", Fleet.Json))!.Migration is null,
            Deadline,
            "the migration to be recorded as finished");

        Assert.True(maxSpec <= 6 + 1, $"{maxSpec} replicas were set at once: more than the total plus one step");
        Assert.Equal(6, fleet.SpecTotal("default", "web"));

        // The API retries grain calls that fail because their silo died, so callers see no error.
        Assert.True(api1.Failures == 0, $"the API failed while a silo died: {api1}");
    }

    [Fact]
    public async Task The_service_recovers_on_its_own_after_Redis_restarts_under_load()
    {
        // Redis with an append-only file: killed and started again on its port, it comes back with its data.
        await using var fleet = await DistributedFleet.StartAsync(silos: 2, ["east", "west"], TimeSpan.FromMilliseconds(150), persistentRedis: true);
        var api = fleet.Silos[0];
        await fleet.JoinAllAsync(api);
        (await api.Api.PutAsJsonAsync("/api/v1/namespaces/default/applications/web", DistributedFleet.Steady("web", 4))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "web") == 4, Deadline, "4 ready");

        // Load: both silos' APIs read all the time, while probes and resyncs write state.
        using var sampling = new CancellationTokenSource();
        var samplers = fleet.Silos.Select(s => Task.Run(() => SampleApiAsync(s, "/api/v1/applications", sampling.Token))).ToList();
        await fleet.Redis.KillAsync();
        var down = Stopwatch.StartNew();

        // Let the silos notice: an application update cannot be stored while Redis is gone.
        await Eventually.WaitAsync(
            async () =>
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(3));
                try
                {
                    var put = await api.Api.PutAsJsonAsync("/api/v1/namespaces/default/applications/other", DistributedFleet.Steady("other", 1), timeout.Token);
                    return !put.IsSuccessStatusCode;
                }
                catch (OperationCanceledException)
                {
                    return true;
                }
            },
            Deadline,
            "a write to fail while Redis is down");
        await fleet.Redis.StartAgainAsync();
        output.WriteLine($"Redis was down for {down.Elapsed.TotalSeconds:0.0} s");
        var back = Stopwatch.StartNew();

        // The update is retried by the caller until the service takes it, then it must take effect.
        await Eventually.WaitAsync(
            async () => (await api.Api.PutAsJsonAsync("/api/v1/namespaces/default/applications/web", DistributedFleet.Steady("web", 7))).IsSuccessStatusCode,
            Deadline,
            "the API to accept an update after Redis returned");
        output.WriteLine($"an update was accepted {back.Elapsed.TotalSeconds:0.0} s after Redis returned");
        await Eventually.WaitAsync(() => fleet.SpecTotal("default", "web") == 7 && fleet.ReadyTotal("default", "web") == 7, Deadline, "7 replicas on the members");
        output.WriteLine($"and took effect on the members {back.Elapsed.TotalSeconds:0.0} s after Redis returned");

        await sampling.CancelAsync();
        foreach (var (silo, sample) in fleet.Silos.Zip(await Task.WhenAll(samplers)))
        {
            output.WriteLine($"silo {silo.Name}: {sample}");
        }

        foreach (var silo in fleet.Silos)
        {
            Assert.True(silo.Alive, $"silo {silo.Name} exited after the Redis restart:\n{silo.Output}");
            var views = await silo.Api.GetFromJsonAsync<List<ApplicationView>>("/api/v1/applications", Fleet.Json);
            Assert.Contains(views!, a => a.Name == "web" && a.Replicas == 7);
        }
    }

    [Fact]
    public async Task Each_member_is_probed_and_watched_by_one_silo_and_a_survivor_takes_over()
    {
        await using var fleet = await DistributedFleet.StartAsync(silos: 3, ["east"], TimeSpan.FromMilliseconds(150));
        await fleet.JoinAllAsync(fleet.Silos[0]);
        var proxy = fleet.Proxies[0];
        var prober = await OneProberAsync(proxy, "before the kill");
        var api = fleet.Silos.First(s => s.Pid != prober);

        await fleet.SiloOf(prober).KillAsync();
        var killed = DateTime.UtcNow;
        await Eventually.WaitAsync(() => proxy.Since(killed, IsProbe).Any(r => r.Pid != prober), Deadline, "probes from a surviving silo");
        var resumedAfter = proxy.Since(killed, IsProbe).First(r => r.Pid != prober).At - killed;
        output.WriteLine($"probing resumed on a survivor {resumedAfter.TotalSeconds:0.0} s after the kill");

        var successor = await OneProberAsync(proxy, "after the kill");
        Assert.NotEqual(prober, successor);
        Assert.Equal(MemberState.Ready, (await api.Api.GetFromJsonAsync<ClusterView>("/api/v1/clusters/east", Fleet.Json))!.State);
    }

    private static bool IsProbe(ProxiedRequest r) => r.PathAndQuery == "/readyz";

    /// <summary>
    /// Waits until the member's probes and its watch come from one silo only, at one prober's rate;
    /// returns that silo's PID.
    /// </summary>
    private async Task<int> OneProberAsync(CountingProxy proxy, string when)
    {
        // A member's watch follows the managed Deployments and the managed StatefulSets: one stream each.
        const int WatchedKinds = 2;
        var window = TimeSpan.FromSeconds(3);
        IReadOnlyList<ProxiedRequest> probes = [];
        IReadOnlyDictionary<int, int> watches = new Dictionary<int, int>();
        await Eventually.WaitAsync(
            () =>
            {
                probes = proxy.Since(DateTime.UtcNow - window, IsProbe);
                watches = proxy.OpenWatches();
                return probes.Select(p => p.Pid).Distinct().Count() == 1 && probes[0].Pid > 0
                    && probes.Count >= window.TotalSeconds
                    && watches.Count == 1 && watches.Single().Key == probes[0].Pid && watches.Single().Value == WatchedKinds;
            },
            Deadline,
            $"one silo probing and watching the member ({when})");

        var rate = probes.Count / window.TotalSeconds;
        output.WriteLine($"{when}: {rate:0.0} probes/s, all from one silo; its watches open from it alone");

        // One prober waits the interval after each probe (and its capacity read), so it stays
        // under the configured rate; every probe in the window came from the same process.
        Assert.InRange(rate, 1, DistributedFleet.ProbesPerSecond * 1.1);
        return probes[0].Pid;
    }

    private static async Task<ApiSample> SampleApiAsync(SiloProcess silo, string path, CancellationToken stop)
    {
        var sample = new ApiSample();
        while (!stop.IsCancellationRequested)
        {
            var watch = Stopwatch.StartNew();
            string? error = null;
            try
            {
                var response = await silo.Api.GetAsync(path, CancellationToken.None);
                error = response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(CancellationToken.None)}";
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                error = e.Message;
            }

            sample.Add(watch.Elapsed, error);
            try
            {
                await Task.Delay(ApiSamplePeriod, stop); // the sampler's pace, not a wait for a condition
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        return sample;
    }

    /// <summary>What the API sampler saw: requests, failures, the slowest answer.</summary>
    private sealed class ApiSample
    {
        private readonly List<string> _errors = [];

        public int Requests { get; private set; }

        public int Failures => _errors.Count;

        public TimeSpan Slowest { get; private set; }

        public void Add(TimeSpan took, string? error)
        {
            Requests++;
            Slowest = took > Slowest ? took : Slowest;
            if (error is not null)
            {
                _errors.Add(error);
            }
        }

        public override string ToString() =>
            $"API: {Requests} GETs, {Failures} failed, slowest {Slowest.TotalSeconds:0.00} s{(Failures > 0 ? "; first error: " + _errors[0] : "")}";
    }
}
