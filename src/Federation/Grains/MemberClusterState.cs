using Federation.Scheduling;

namespace Federation.Grains;

/// <summary>A member's persisted state: registration, labels and the administrative state machine.</summary>
[GenerateSerializer, Alias("fed.MemberClusterState")]
public sealed record MemberClusterState
{
    [Id(0)] public bool Joined { get; init; }

    [Id(1)] public MemberRegistration? Registration { get; init; }

    [Id(2)] public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    [Id(3)] public MemberState State { get; init; } = MemberState.Ready;

    [Id(4)] public DateTimeOffset StateSince { get; init; }

    [Id(5)] public DateTimeOffset? MaintenanceUntil { get; init; }

    /// <summary>The state to return to when a maintenance window ends.</summary>
    [Id(6)] public MemberState StateBeforeMaintenance { get; init; } = MemberState.Ready;

    [Id(7)] public DateTimeOffset JoinedAt { get; init; }

    /// <summary>When the member last went NotReady, within the flap window.</summary>
    [Id(8)] public IReadOnlyList<DateTimeOffset> NotReadyTransitions { get; init; } = [];

    [Id(9)] public DateTimeOffset? HeldDownUntil { get; init; }

    [Id(10)] public DateTimeOffset? UnreachableSince { get; init; }

    /// <summary>The drain or retirement in progress (or ended, until the member leaves the draining states).</summary>
    [Id(40)] public DrainRecord? Drain { get; init; }
}
