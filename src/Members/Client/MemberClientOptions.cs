using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Federation.Members.Client;

/// <summary>How patiently the member client talks to a member.</summary>
public sealed record MemberClientOptions
{
    /// <summary>Bounds each attempt of a call (each HTTP request).</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Bounds a whole call, all its attempts and back-off included.</summary>
    public TimeSpan OperationTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Bounds a health probe; probes are never retried.</summary>
    public TimeSpan ProbeTimeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Retries after the first attempt, for transient failures only (unreachable, timeout, 5xx, 429).</summary>
    public int RetryAttempts { get; init; } = 3;

    /// <summary>First retry delay; doubles per attempt, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest delay between two retries.</summary>
    public TimeSpan RetryMaxDelay { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>First delay before re-connecting a dropped watch; doubles per failure, with jitter.</summary>
    public TimeSpan WatchReconnectBaseDelay { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest delay before re-connecting a watch.</summary>
    public TimeSpan WatchReconnectMaxDelay { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A watch connection that delivers nothing (not even a bookmark) for this long is presumed dead
    /// (a member that hangs keeps the socket open) and is re-opened from the last resourceVersion.
    /// </summary>
    public TimeSpan WatchIdleTimeout { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>
    /// Connections open at once to one member for calls and watches; calls beyond wait for one to
    /// be free rather than opening more. Bounds what a burst (thousands of applications failing
    /// over together) asks of a member's API server and of this host's file descriptors. Health
    /// probes have a connection of their own, so they never wait behind calls.
    /// </summary>
    public int MaxConnections { get; init; } = 32;

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    public ILoggerFactory LoggerFactory { get; init; } = NullLoggerFactory.Instance;

    internal void Validate()
    {
        Positive(RequestTimeout, nameof(RequestTimeout));
        Positive(OperationTimeout, nameof(OperationTimeout));
        Positive(ProbeTimeout, nameof(ProbeTimeout));
        Positive(RetryBaseDelay, nameof(RetryBaseDelay));
        Positive(RetryMaxDelay, nameof(RetryMaxDelay));
        Positive(WatchReconnectBaseDelay, nameof(WatchReconnectBaseDelay));
        Positive(WatchReconnectMaxDelay, nameof(WatchReconnectMaxDelay));
        Positive(WatchIdleTimeout, nameof(WatchIdleTimeout));
        ArgumentOutOfRangeException.ThrowIfNegative(RetryAttempts, nameof(RetryAttempts));
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxConnections, 3, nameof(MaxConnections));
        ArgumentNullException.ThrowIfNull(TimeProvider, nameof(TimeProvider));
        ArgumentNullException.ThrowIfNull(LoggerFactory, nameof(LoggerFactory));
    }

    private static void Positive(TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be positive");
        }
    }
}
