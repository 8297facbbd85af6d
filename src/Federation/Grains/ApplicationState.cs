namespace Federation.Grains;

/// <summary>An application's persisted state: spec, placement, what was applied where, its migration.</summary>
[GenerateSerializer, Alias("fed.ApplicationState")]
public sealed class ApplicationState
{
    [Id(0)] public ApplicationSpec? Spec { get; set; }

    [Id(1)] public long Generation { get; set; }

    /// <summary>The scheduler's placement: where the replicas should end up.</summary>
    [Id(2)] public Dictionary<string, int> Target { get; set; } = new(StringComparer.Ordinal);

    /// <summary>What each member's Deployment was last set to.</summary>
    [Id(3)] public Dictionary<string, int> Applied { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The template hash last applied on each member.</summary>
    [Id(4)] public Dictionary<string, string> AppliedTemplate { get; set; } = new(StringComparer.Ordinal);

    [Id(5)] public Dictionary<string, ObservedDeployment> Observed { get; set; } = new(StringComparer.Ordinal);

    [Id(6)] public MigrationRecord? Migration { get; set; }

    /// <summary>Members this application stays off for a while (its replicas there would not become ready).</summary>
    [Id(7)] public Dictionary<string, AvoidRecord> Avoid { get; set; } = new(StringComparer.Ordinal);

    [Id(8)] public int Shortfall { get; set; }

    // Id(9) held the last placement's reason for every member left out: one entry per member of the
    // fleet in every application's state, written with each change. The view reads the last answer.

    [Id(10)] public bool Deleting { get; set; }

    /// <summary>Since when each member has had fewer ready replicas than applied.</summary>
    [Id(11)] public Dictionary<string, DateTimeOffset> UnreadySince { get; set; } = new(StringComparer.Ordinal);

    // Id 12 held a per-application copy of its events, never read (the event log has them): retired.

    /// <summary>A template hash that has run ready somewhere: its unready replicas are the member's fault, not the image's.</summary>
    [Id(13)] public string? ProvenTemplate { get; set; }

    /// <summary>The placement policy changed and the host has not placed the application by it yet.</summary>
    [Id(14)] public bool Rebalance { get; set; }

    /// <summary>The progressive rollout of the spec's template (in progress, or how the last one ended).</summary>
    [Id(30)] public RolloutRecord? Rollout { get; set; }

    /// <summary>A hash of the effective manifest last applied on each member that overrides select.</summary>
    [Id(20)] public Dictionary<string, string> AppliedOverrides { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Per member, the companions applied there ("Kind/name") and the content hash applied.</summary>
    [Id(21)] public Dictionary<string, Dictionary<string, string>> AppliedCompanions { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The last failure writing a companion, keyed "member Kind/name"; cleared when it is written.</summary>
    [Id(22)] public Dictionary<string, string> CompanionErrors { get; set; } = new(StringComparer.Ordinal);

    /// <summary>A StatefulSet's ordinals last written on each member (<c>spec.ordinals.start</c> and replicas).</summary>
    [Id(23)] public Dictionary<string, Federation.Workloads.Stateful.OrdinalRange> Ordinals { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The order of members along a StatefulSet's ordinals, kept from one step to the next.</summary>
    [Id(24)] public List<string>? OrdinalOrder { get; set; }

    /// <summary>Members whose stateful failover is awaiting the operator's confirmation (member → since when).</summary>
    [Id(25)] public Dictionary<string, DateTimeOffset> FailoverAwaiting { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Members whose stateful failover the operator confirmed (member → when); spent once the member answers or holds nothing.</summary>
    [Id(26)] public Dictionary<string, DateTimeOffset> FailoverConfirmed { get; set; } = new(StringComparer.Ordinal);
}

/// <summary>
/// A migration in flight, persisted step by step so that it resumes after a restart.
/// <c>Blocked</c> (a condition reason such as WaitingForCapacity) says why replicas cannot move at all, since when,
/// and what a plan says would unblock them.
/// </summary>
[GenerateSerializer, Alias("fed.MigrationRecord")]
public sealed record MigrationRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string Reason,
    [property: Id(2)] IReadOnlyList<string> Sources,
    [property: Id(3)] IReadOnlyList<string> Targets,
    [property: Id(4)] int Moved,
    [property: Id(5)] DateTimeOffset StartedAt,
    [property: Id(6)] DateTimeOffset StepStartedAt,
    [property: Id(7)] string? StuckReason,
    [property: Id(8)] int Remaining,
    [property: Id(9)] int ReadySeen,
    [property: Id(10)] string? Blocked = null,
    [property: Id(11)] string? BlockedMessage = null,
    [property: Id(12)] DateTimeOffset? BlockedSince = null,
    [property: Id(13)] string? Unblock = null)
{
    /// <summary>Every hook call of this migration, in order: a step whose hook succeeded is not called again, even after a restart.</summary>
    [Id(40)]
    public IReadOnlyList<Hooks.HookCall>? HookCalls { get; init; }

    /// <summary>Targets raised in this migration and to what: AfterReady is owed once those replicas are ready.</summary>
    [Id(41)]
    public IReadOnlyList<Hooks.HookRaise>? Raises { get; init; }

    /// <summary>Set while a failed hook (policy Fail) holds a source's replicas: which hook and its answer.</summary>
    [Id(42)]
    public string? WaitingForHook { get; init; }

    /// <summary>The record as the migration's decisions see it.</summary>
    public Applications.OpenMigration Open() =>
        new(Id, Reason, Sources, Targets, Moved, StartedAt, StepStartedAt, StuckReason, Remaining, ReadySeen, Blocked, BlockedMessage, BlockedSince, Unblock);

    /// <summary>The record of what the decisions made of a migration, with the hook calls of <paramref name="before"/> (the same migration, or null).</summary>
    public static MigrationRecord Of(Applications.OpenMigration m, MigrationRecord? before) =>
        new(m.Id, m.Reason, m.Sources, m.Targets, m.Moved, m.StartedAt, m.StepStartedAt, m.StuckReason, m.Remaining, m.ReadySeen, m.Blocked, m.BlockedMessage, m.BlockedSince, m.Unblock)
        {
            HookCalls = before?.HookCalls,
            Raises = before?.Raises,
            WaitingForHook = before?.WaitingForHook,
        };
}

[GenerateSerializer, Immutable, Alias("fed.AvoidRecord")]
public sealed record AvoidRecord(
    [property: Id(0)] DateTimeOffset Until,
    [property: Id(1)] string Reason);
