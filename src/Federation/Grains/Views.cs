using Federation.Scheduling;

namespace Federation.Grains;

// What grains hand out: the REST API returns these as they are (JSON, camelCase),
// so they never carry credentials.

[GenerateSerializer, Immutable, Alias("fed.CapacityView")]
public sealed record CapacityView(
    [property: Id(0)] long AllocatableMilliCpu,
    [property: Id(1)] long AllocatableMemoryBytes,
    [property: Id(2)] long FreeMilliCpu,
    [property: Id(3)] long FreeMemoryBytes,
    [property: Id(4)] int ReadyNodes,
    [property: Id(5)] int Nodes,
    [property: Id(6)] DateTimeOffset ObservedAt);

[GenerateSerializer, Immutable, Alias("fed.ClusterView")]
public sealed record ClusterView(
    [property: Id(0)] string Name,
    [property: Id(1)] string Server,
    [property: Id(2)] IReadOnlyDictionary<string, string> Labels,
    [property: Id(3)] MemberState State,
    [property: Id(4)] DateTimeOffset StateSince,
    [property: Id(5)] DateTimeOffset? MaintenanceUntil,
    [property: Id(6)] double? ProbeLatencyMs,
    [property: Id(7)] string? LastProbeError,
    [property: Id(8)] CapacityView? Capacity,
    [property: Id(9)] DateTimeOffset? HeldDownUntil,
    [property: Id(10)] DateTimeOffset JoinedAt,
    [property: Id(11)] IReadOnlyList<ClusterWorkloadView>? Workloads = null,
    [property: Id(12)] IReadOnlyList<OrphanView>? Orphans = null);

/// <summary>What to do with orphans found on a member that joins: list them only, adopt or delete them.</summary>
[GenerateSerializer, Alias("fed.OrphanAction")]
public enum OrphanAction
{
    Keep,
    Adopt,
    Clean,
}

/// <summary>A managed Deployment on a member that no application claims there, and what was done with it.</summary>
/// <param name="Outcome">kept, adopted or deleted.</param>
[GenerateSerializer, Immutable, Alias("fed.OrphanView")]
public sealed record OrphanView(
    [property: Id(0)] string Application,
    [property: Id(1)] int Replicas,
    [property: Id(2)] int Ready,
    [property: Id(3)] string Reason,
    [property: Id(4)] string Outcome);

[GenerateSerializer, Immutable, Alias("fed.MemberDeploymentView")]
public sealed record MemberDeploymentView(
    [property: Id(0)] string Cluster,
    [property: Id(1)] int Target,
    [property: Id(2)] int Applied,
    [property: Id(3)] int Replicas,
    [property: Id(4)] int Ready,
    [property: Id(5)] int Available,
    [property: Id(6)] int Updated,
    [property: Id(7)] bool Reachable,
    [property: Id(8)] DateTimeOffset? ObservedAt,
    [property: Id(9)] int Unknown = 0,
    [property: Id(10)] int Lost = 0)
{
    /// <summary>A StatefulSet's ordinals on the member ("3..4"); null for a Deployment.</summary>
    [Id(20)]
    public string? Ordinals { get; init; }
}

[GenerateSerializer, Immutable, Alias("fed.ConditionView")]
public sealed record ConditionView(
    [property: Id(0)] string Type,
    [property: Id(1)] bool Status,
    [property: Id(2)] string Reason,
    [property: Id(3)] string Message);

[GenerateSerializer, Immutable, Alias("fed.MigrationView")]
public sealed record MigrationView(
    [property: Id(0)] string Id,
    [property: Id(1)] string Reason,
    [property: Id(2)] IReadOnlyList<string> Sources,
    [property: Id(3)] IReadOnlyList<string> Targets,
    [property: Id(4)] int Moved,
    [property: Id(5)] int Remaining,
    [property: Id(6)] int Step,
    [property: Id(7)] DateTimeOffset StartedAt,
    [property: Id(8)] DateTimeOffset StepStartedAt,
    [property: Id(9)] string? StuckReason,
    [property: Id(10)] string? Blocked = null,
    [property: Id(11)] string? BlockedMessage = null,
    [property: Id(12)] DateTimeOffset? BlockedSince = null,
    [property: Id(13)] string? Unblock = null)
{
    /// <summary>A failed hook holding a step: which and what it answered.</summary>
    [Id(40)]
    public string? WaitingForHook { get; init; }

    /// <summary>The hook calls of this migration, in order.</summary>
    [Id(41)]
    public IReadOnlyList<Hooks.HookCall>? HookCalls { get; init; }
}

[GenerateSerializer, Immutable, Alias("fed.ApplicationView")]
public sealed record ApplicationView(
    [property: Id(0)] string Namespace,
    [property: Id(1)] string Name,
    [property: Id(2)] int Replicas,
    [property: Id(3)] int Floor,
    [property: Id(4)] PlacementStrategy Strategy,
    [property: Id(5)] IReadOnlyList<MemberDeploymentView> Members,
    [property: Id(6)] int ReadyReplicas,
    [property: Id(7)] int Shortfall,
    [property: Id(8)] IReadOnlyList<ConditionView> Conditions,
    [property: Id(9)] MigrationView? Migration,
    [property: Id(10)] long Generation,
    [property: Id(11)] IReadOnlyDictionary<string, string> ExcludedClusters,
    [property: Id(12)] int UnknownReplicas = 0,
    [property: Id(30)] RolloutView? Rollout = null,
    [property: Id(20)] IReadOnlyList<CompanionView>? Companions = null)
{
    /// <summary>A StatefulSet's ordinals across members, its failover policy and what awaits confirmation; null for a Deployment.</summary>
    [Id(21)]
    public StatefulView? Stateful { get; init; }
}

/// <summary>
/// A StatefulSet across members: its failover policy (<c>failover.stateful</c>), the ordinal in flight
/// ("3 west → central"), and members whose failover awaits <c>apps confirm-failover</c>.
/// </summary>
[GenerateSerializer, Immutable, Alias("fed.StatefulView")]
public sealed record StatefulView(
    [property: Id(0)] string Failover,
    [property: Id(1)] string? InFlight,
    [property: Id(2)] IReadOnlyList<string> AwaitingConfirmation,
    [property: Id(3)] IReadOnlyList<string> Confirmed,
    [property: Id(4)] string? WaitingFor);

/// <summary>
/// One companion on one member: whether its current version is applied there, its content hash and data keys
/// (never a value: a Secret shows only its keys and hash), and the last error writing it.
/// </summary>
[GenerateSerializer, Immutable, Alias("fed.CompanionView")]
public sealed record CompanionView(
    [property: Id(0)] string Member,
    [property: Id(1)] string Kind,
    [property: Id(2)] string Name,
    [property: Id(3)] bool Applied,
    [property: Id(4)] string Hash,
    [property: Id(5)] IReadOnlyList<string> Keys,
    [property: Id(6)] string? Error);

/// <summary>A progressive rollout: its phase, waves (member names, in order), and each member's place.</summary>
[GenerateSerializer, Immutable, Alias("fed.RolloutView")]
public sealed record RolloutView(
    [property: Id(0)] string Phase,
    [property: Id(1)] int Wave,
    [property: Id(2)] IReadOnlyList<IReadOnlyList<string>> Waves,
    [property: Id(3)] IReadOnlyList<RolloutMemberView> Members,
    [property: Id(4)] bool Paused,
    [property: Id(5)] string FromTemplate,
    [property: Id(6)] string ToTemplate,
    [property: Id(7)] string? Reason,
    [property: Id(8)] DateTimeOffset StartedAt);

[GenerateSerializer, Immutable, Alias("fed.RolloutMemberView")]
public sealed record RolloutMemberView(
    [property: Id(0)] string Cluster,
    [property: Id(1)] string Phase,
    [property: Id(2)] string? Template,
    [property: Id(3)] DateTimeOffset Since,
    [property: Id(4)] string? Reason);

/// <summary>What a rollout control did: 200, 404 (no application) or 409 (not applicable now), and why.</summary>
[GenerateSerializer, Immutable, Alias("fed.RolloutAnswer")]
public sealed record RolloutAnswer(
    [property: Id(0)] int Status,
    [property: Id(1)] string Message,
    [property: Id(2)] ApplicationView? View);

/// <summary>A PUT's answer: the application as it is now, or why the spec was refused (nothing stored).</summary>
/// <param name="KindRefused">Why the template's kind cannot replace the running one (the field is <c>template.kind</c>).</param>
[GenerateSerializer, Immutable, Alias("fed.PutAnswer")]
public sealed record PutAnswer(
    [property: Id(0)] ApplicationView? View,
    [property: Id(1)] string? KindRefused);

[GenerateSerializer, Immutable, Alias("fed.EventView")]
public sealed record EventView(
    [property: Id(0)] DateTimeOffset Time,
    [property: Id(1)] string Kind,
    [property: Id(2)] string? Application,
    [property: Id(3)] string? Cluster,
    [property: Id(4)] string? From,
    [property: Id(5)] string? To,
    [property: Id(6)] int Replicas,
    [property: Id(7)] string Reason,
    [property: Id(8)] string Message);
