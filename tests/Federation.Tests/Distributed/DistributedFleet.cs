using System.Net;
using System.Net.Http.Json;
using Federation.Grains;
using Federation.Members.Simulation;
using Federation.Tests.ControlPlane;

namespace Federation.Tests.Distributed;

/// <summary>
/// Production mode on one machine: a redis-server, several silo processes of the real executable
/// sharing it as one Orleans cluster, and simulated members (in the test process) each behind a
/// <see cref="CountingProxy"/>, joined through the proxy. Every process is killed by PID on dispose.
/// </summary>
public sealed class DistributedFleet : IAsyncDisposable
{
    public const int ProbesPerSecond = 5;

    private readonly List<SiloProcess> _silos = [];
    private readonly List<SimulatedMemberCluster> _members = [];
    private readonly List<CountingProxy> _proxies = [];

    private DistributedFleet(RedisServer redis) => Redis = redis;

    public RedisServer Redis { get; }

    public IReadOnlyList<SiloProcess> Silos => _silos;

    public IReadOnlyList<SimulatedMemberCluster> Members => _members;

    public IReadOnlyList<CountingProxy> Proxies => _proxies;

    public static async Task<DistributedFleet> StartAsync(int silos, string[] members, TimeSpan podStartup, bool persistentRedis = false)
    {
        var fleet = new DistributedFleet(await RedisServer.StartAsync(persistentRedis));
        try
        {
            var settings = new Dictionary<string, string>
            {
                ["ClusterId"] = "test-" + Guid.NewGuid().ToString("N")[..8],
                ["ServiceId"] = "federation-tests",
                ["ProbeInterval"] = TimeSpan.FromMilliseconds(1000 / ProbesPerSecond).ToString(),
                ["FailureThreshold"] = "2",
                ["SuccessThreshold"] = "2",
                ["ResyncInterval"] = "00:00:00.500",
                ["ReservationTtl"] = "00:00:02",
                ["CapacityInterval"] = "00:00:01",
                ["CapacityIdleInterval"] = "00:00:06",
                ["MemberWritesPerSecond"] = "200",
            };

            // The first silo alone, then the others: they join a cluster that already has a member.
            fleet._silos.Add(SiloProcess.Start("a", fleet.Redis.ConnectionString, settings));
            await fleet.WaitReadyAsync(0, settings);
            for (var i = 1; i < silos; i++)
            {
                fleet._silos.Add(SiloProcess.Start(((char)('a' + i)).ToString(), fleet.Redis.ConnectionString, settings));
            }

            for (var i = 1; i < silos; i++)
            {
                await fleet.WaitReadyAsync(i, settings);
            }

            foreach (var name in members)
            {
                var member = await SimulatedMemberCluster.StartAsync(new SimulatedMemberOptions { Name = name, Nodes = 2, PodStartupDelay = podStartup });
                fleet._members.Add(member);
                fleet._proxies.Add(await CountingProxy.StartAsync(member.Url, () => fleet._silos.Where(s => s.Alive).Select(s => s.Pid)));
            }

            return fleet;
        }
        catch
        {
            await fleet.DisposeAsync();
            throw;
        }
    }

    public SimulatedMemberCluster this[string name] => _members.Single(m => m.Name == name);

    public SiloProcess SiloOf(int pid) => _silos.Single(s => s.Pid == pid);

    public async Task JoinAllAsync(SiloProcess through)
    {
        for (var i = 0; i < _members.Count; i++)
        {
            var response = await through.Api.PostAsJsonAsync("/api/v1/clusters", new { name = _members[i].Name, server = _proxies[i].Url.ToString() });
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }
    }

    public int SpecTotal(string ns, string name) => _members.Sum(m => m.SpecReplicas(ns, name));

    public int ReadyTotal(string ns, string name) => _members.Sum(m => m.ReadyReplicas(ns, name));

    /// <summary>
    /// The silo process that last addressed the application's Deployment by name on a member: the
    /// one its grain lives on (the members' watch lists Deployments without naming one).
    /// </summary>
    public int? LastCallerFor(string name, DateTime since) => _proxies
        .SelectMany(p => p.Since(since, r => r.Pid > 0 && r.PathAndQuery.Contains("/deployments/" + name, StringComparison.Ordinal)))
        .OrderBy(r => r.At)
        .LastOrDefault()?.Pid;

    public async ValueTask DisposeAsync()
    {
        foreach (var silo in _silos)
        {
            silo.Dispose();
        }

        foreach (var proxy in _proxies)
        {
            await proxy.DisposeAsync();
        }

        foreach (var member in _members)
        {
            await member.DisposeAsync();
        }

        Redis.Dispose();
    }

    /// <summary>An application that moves one replica at a time and never drops below its count.</summary>
    /// <summary>
    /// Waits for silo <paramref name="i"/>; a free port picked for it may have been taken by another
    /// test between picking and binding, and then the silo starts again on new ports.
    /// </summary>
    private async Task WaitReadyAsync(int i, IReadOnlyDictionary<string, string> settings)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _silos[i].WaitReadyAsync(TimeSpan.FromSeconds(60));
                return;
            }
            catch (InvalidOperationException e) when (attempt < 3 && e.Message.Contains("Address already in use", StringComparison.Ordinal))
            {
                _silos[i].Dispose();
                _silos[i] = SiloProcess.Start(_silos[i].Name, Redis.ConnectionString, settings);
            }
        }
    }

    public static object Steady(string name, int replicas) => new
    {
        replicas,
        template = Fleet.Template(name),
        placement = new { strategy = "Weighted" },
        maxUnavailable = 0,
        failoverAfter = "30s",
        migration = new { stepSize = 1, stepTimeout = "30s", unhealthyAfter = "60s" },
    };
}
