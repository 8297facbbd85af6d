namespace Federation.Members.Simulation;

/// <summary>Shape of one simulated member cluster: its nodes, pod start-up delay and clock.</summary>
public sealed record SimulatedMemberOptions
{
    public string Name { get; init; } = "member";

    /// <summary>Loopback port; 0 picks a free one.</summary>
    public int Port { get; init; }

    public int Nodes { get; init; } = 3;

    public long NodeMilliCpu { get; init; } = 4000;

    public long NodeMemoryBytes { get; init; } = 8L << 30;

    public TimeSpan PodStartupDelay { get; init; } = TimeSpan.FromMilliseconds(300);

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>The admin bearer token the kubeconfig carries; null generates one.</summary>
    public string? Token { get; init; }

    /// <summary>A token that may read but not write (403); null generates one.</summary>
    public string? ReadOnlyToken { get; init; }

    /// <summary>
    /// Refuse requests without a token (401). Off by default for members embedded in a process
    /// and joined by URL; <c>federation sim</c> turns it on. A wrong token is refused either way.
    /// </summary>
    public bool RequireToken { get; init; }

    /// <summary>Serve HTTPS with a self-signed certificate the kubeconfig trusts (kubectl sends tokens only over TLS).</summary>
    public bool Tls { get; init; }
}
