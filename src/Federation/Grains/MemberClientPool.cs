using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.RateLimiting;
using Federation.Members.Client;
using Microsoft.Extensions.Options;

namespace Federation.Grains;

/// <summary>
/// The silo's member clients, one per member, each with a write rate limiter shared by every
/// application on this silo, so that a member failure under thousands of applications does not
/// flood the other members' API servers.
/// </summary>
/// <remarks>Clients keep the host's clock and write to its logs (their retries and watch drops are worth seeing).</remarks>
public sealed class MemberClientPool(
    IGrainFactory grains,
    IOptions<FederationOptions> options,
    MemberCredentials credentials,
    TimeProvider time,
    ILoggerFactory loggers) : IDisposable
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Creates (or replaces, when the credentials changed) the client for a member.</summary>
    public IMemberClient Register(string name, MemberRegistration registration)
    {
        var entry = _entries.AddOrUpdate(
            name,
            _ => Create(name, registration),
            (_, old) =>
            {
                if (old.Registration == registration)
                {
                    return old;
                }

                old.Dispose();
                return Create(name, registration);
            });
        return entry.Client;
    }

    /// <summary>The client for a member, asking its grain for credentials the first time on this silo.</summary>
    public async Task<IMemberClient?> GetAsync(string name)
    {
        if (_entries.TryGetValue(name, out var entry))
        {
            return entry.Client;
        }

        var registration = await grains.GetGrain<IMemberClusterGrain>(name).GetRegistrationAsync();
        return registration is null ? null : Register(name, registration);
    }

    /// <summary>Waits for a write slot on the member's API server.</summary>
    public async ValueTask<RateLimitLease> AcquireWriteAsync(string name, CancellationToken ct = default)
    {
        if (!_entries.TryGetValue(name, out var entry))
        {
            return NoLease.Instance;
        }

        var lease = await entry.Limiter.AcquireAsync(1, ct);
        Interlocked.Increment(ref entry.Writes.Value);
        Observability.FederationMetrics.MemberWrites.WithLabels(name).Inc();
        return lease;
    }

    /// <summary>Writes let through to each member by this silo since its client was created.</summary>
    public Dictionary<string, long> WriteCounts() =>
        _entries.ToDictionary(e => e.Key, e => Interlocked.Read(ref e.Value.Writes.Value), StringComparer.Ordinal);

    public void Remove(string name)
    {
        if (_entries.TryRemove(name, out var entry))
        {
            entry.Dispose();
        }
    }

    public void Dispose()
    {
        foreach (var entry in _entries.Values)
        {
            entry.Dispose();
        }

        _entries.Clear();
    }

    private Entry Create(string name, MemberRegistration registration)
    {
        var perSecond = Math.Max(1, options.Value.MemberWritesPerSecond);
        var limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
        {
            TokenLimit = Math.Max(1, perSecond / 5),
            TokensPerPeriod = Math.Max(1, perSecond / 10),
            ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
            QueueLimit = int.MaxValue,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
            AutoReplenishment = true,
        });
        var client = MemberClientFactory.Create(new MemberConnection(
            name, credentials.Unprotect(registration.Kubeconfig), registration.Server, credentials.Unprotect(registration.BearerToken)),
            new MemberClientOptions { ProbeTimeout = options.Value.ProbeTimeout, TimeProvider = time, LoggerFactory = loggers });
        return new Entry(registration, client, limiter);
    }

    private sealed record Entry(MemberRegistration Registration, IMemberClient Client, RateLimiter Limiter) : IDisposable
    {
        public StrongBox<long> Writes { get; } = new();

        public void Dispose()
        {
            Client.Dispose();
            Limiter.Dispose();
        }
    }

    private sealed class NoLease : RateLimitLease
    {
        public static NoLease Instance { get; } = new();

        public override bool IsAcquired => true;

        public override IEnumerable<string> MetadataNames => [];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            metadata = null;
            return false;
        }
    }
}
