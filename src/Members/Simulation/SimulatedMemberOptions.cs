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
}
