using Federation.Planning;
using Federation.Scheduling;

namespace Federation.Grains;

// Records passed between grains and persisted in their state. IDs are append-only: persisted
// state must stay readable after an upgrade. Pure-core types (PlacementPolicy, MemberState, ...)
// travel through the JSON codec registered in SiloSetup, so the core stays free of Orleans.

/// <summary>How to reach a member. Held by its grain only; never returned by the API.</summary>
[GenerateSerializer, Immutable, Alias("fed.MemberRegistration")]
public sealed record MemberRegistration(
    [property: Id(0)] string? Server,
    [property: Id(1)] string? Kubeconfig,
    [property: Id(2)] string? BearerToken);

/// <summary>What a member grain tells the host about itself after each probe or state change.</summary>
[GenerateSerializer, Immutable, Alias("fed.MemberSnapshot")]
public sealed record MemberSnapshot(
    [property: Id(0)] FleetMember Member,
    [property: Id(1)] DateTimeOffset StateSince,
    [property: Id(2)] DateTimeOffset ObservedAt)
{
    public string Name => Member.Name;

    /// <summary>When the member's free capacity was last read (it is read less often than the member is probed).</summary>
    [Id(50)]
    public DateTimeOffset CapacityAt { get; init; }

    public bool Reachable => Member.UnreachableSince is null;
}

/// <summary>An application's spec as the grains keep it.</summary>
[GenerateSerializer, Immutable, Alias("fed.ApplicationSpec")]
public sealed record ApplicationSpec(
    [property: Id(0)] int Replicas,
    [property: Id(1)] string TemplateJson,
    [property: Id(2)] PlacementPolicy Placement,
    [property: Id(3)] int MaxUnavailable,
    [property: Id(4)] TimeSpan FailoverAfter,
    [property: Id(5)] int StepSize,
    [property: Id(6)] TimeSpan StepTimeout,
    [property: Id(7)] TimeSpan UnhealthyAfter,
    [property: Id(8)] ResourceRequest PodRequest,
    [property: Id(9)] string TemplateHash,
    [property: Id(20)] IReadOnlyList<Federation.Workloads.Overrides.OverrideRule>? Overrides = null,
    [property: Id(21)] IReadOnlyList<Federation.Workloads.Companions.Companion>? Companions = null)
{
    /// <summary>How a new template reaches the members; null (as in state written before rollouts) is all at once.</summary>
    [Id(30)]
    public Federation.Rollouts.RolloutPolicy? Rollout { get; init; }

    /// <summary>HTTP hooks around this application's moves (secrets protected); none when null.</summary>
    [Id(40)]
    public IReadOnlyList<HookSpec>? Hooks { get; init; }

    /// <summary>Whether a StatefulSet's replicas leave a failed member (<c>failover.stateful</c>); null is AfterConfirmation.</summary>
    [Id(23)]
    public Federation.Workloads.Stateful.StatefulFailover? StatefulFailover { get; init; }
}

[GenerateSerializer, Immutable, Alias("fed.PlacementAnswer")]
public sealed record PlacementAnswer(
    [property: Id(0)] bool FleetKnown,
    [property: Id(1)] IReadOnlyDictionary<string, int> Placement,
    [property: Id(2)] int Shortfall,
    [property: Id(3)] IReadOnlyDictionary<string, string> Excluded,
    [property: Id(4)] IReadOnlyDictionary<string, MemberSnapshot> Members,
    [property: Id(5)] Guid HostActivation);

/// <summary>An application's footprint on one member, reported to the host for drain progress.</summary>
/// <param name="Lost">Replicas applied on the member while it was unreachable whose replacements run ready elsewhere.</param>
/// <param name="Unknown">Last-known ready replicas of an unreachable member.</param>
[GenerateSerializer, Immutable, Alias("fed.ClusterWorkloadView")]
public sealed record ClusterWorkloadView(
    [property: Id(0)] string Application,
    [property: Id(1)] int Target,
    [property: Id(2)] int Applied,
    [property: Id(3)] int Ready,
    [property: Id(4)] int Lost = 0,
    [property: Id(5)] int Unknown = 0)
{
    /// <summary>Replicas still held on the member: what a drain waits for and an unjoin refuses.</summary>
    public int Remaining => Math.Max(0, Applied - Lost);

    /// <summary>The member still matters to the application: it is placed there or still holds replicas.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool Holds => Target > 0 || Remaining > 0;
}
