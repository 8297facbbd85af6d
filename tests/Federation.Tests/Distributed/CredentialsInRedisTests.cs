using System.Net;
using System.Net.Http.Json;
using System.Text;
using Federation.Tests.ControlPlane;
using Federation.Tests.FrontDoor;
using StackExchange.Redis;

namespace Federation.Tests.Distributed;

/// <summary>Production mode: member credentials are stored protected in Redis, and every silo can open them.</summary>
public sealed class CredentialsInRedisTests
{
    [Fact]
    public async Task No_redis_key_holds_a_member_credential_and_another_silo_still_reaches_the_members()
    {
        await using var fleet = await DistributedFleet.StartAsync(silos: 2, ["east", "west"], TimeSpan.FromMilliseconds(100));
        var first = fleet.Silos[0].Api;
        Assert.Equal(HttpStatusCode.Created, (await first.PostAsJsonAsync("/api/v1/clusters", new { name = "east", server = fleet.Proxies[0].Url.ToString(), token = fleet["east"].Token })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await first.PostAsJsonAsync("/api/v1/clusters", new { name = "west", kubeconfig = fleet["west"].Kubeconfig })).StatusCode);

        // An application placed through the other silo reaches both members: its grain may live on either silo.
        // A placement reconciles before it answers: give it longer than the silo client's 15 s on a busy machine.
        using var second = new HttpClient { BaseAddress = fleet.Silos[1].Api.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        (await second.PutAsJsonAsync("/api/v1/namespaces/default/applications/web", DistributedFleet.Steady("web", 4))).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet["east"].SpecReplicas("default", "web") > 0 && fleet["west"].SpecReplicas("default", "web") > 0, TimeSpan.FromSeconds(60), "web on both members");

        using var redis = await ConnectionMultiplexer.ConnectAsync(fleet.Redis.ConnectionString);
        var db = redis.GetDatabase();
        var keys = redis.GetServers().Single().Keys(pattern: "*").ToList();
        var leaks = new List<string>();
        foreach (var key in keys)
        {
            var values = await db.KeyTypeAsync(key) switch
            {
                RedisType.String => [await db.StringGetAsync(key)],
                RedisType.Hash => (await db.HashGetAllAsync(key)).SelectMany(e => new[] { e.Name, e.Value }).ToArray(),
                RedisType.List => await db.ListRangeAsync(key),
                RedisType.Set => await db.SetMembersAsync(key),
                RedisType.SortedSet => await db.SortedSetRangeByRankAsync(key),
                _ => [],
            };
            var content = Encoding.UTF8.GetBytes(key.ToString()).Concat(values.Where(v => v.HasValue).SelectMany(v => (byte[])v!)).ToArray();
            leaks.AddRange(MemberSecrets.Leaks($"key {key}", content, MemberSecrets.Of(fleet.Members)));
        }

        Assert.Contains(keys, k => k.ToString().Contains("data-protection-keys", StringComparison.Ordinal));
        Assert.Contains(keys, k => k.ToString().Contains("member", StringComparison.OrdinalIgnoreCase));
        Assert.Empty(leaks);
    }
}
