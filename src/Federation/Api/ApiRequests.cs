using System.Text.Json;

namespace Federation.Api;

// Request bodies of the REST API (JSON, camelCase). Responses are the grain views
// (Federation.Grains.*View), which never carry credentials.

/// <summary>
/// POST /api/v1/clusters: join a member by URL (+ bearer token) or kubeconfig content. <c>Orphans</c>
/// says what to do with managed Deployments found on it that no application claims: keep (default, list them), adopt or clean.
/// </summary>
public sealed record JoinRequest(
    string? Name,
    string? Server,
    string? Kubeconfig,
    string? Token,
    Dictionary<string, string>? Labels,
    string? Orphans = null);

/// <summary>POST /api/v1/clusters/{name}/maintain: a window that ends at <c>Until</c> or after <c>For</c> ("2h", "30m").</summary>
public sealed record MaintainRequest(DateTimeOffset? Until, string? For);

/// <summary>
/// PUT /api/v1/namespaces/{ns}/applications/{name}. <c>Overrides</c>: ordered per-member rules
/// (image, command, args, env, labels, annotations, resources, an RFC 6902 patch), applied in that order.
/// <c>Companions</c>: manifests that go with the workload (Namespace, ConfigMap, Secret, Service, ServiceAccount,
/// PodDisruptionBudget); <c>ProvidedByMember</c>: dependencies ("ConfigMap/NAME") the members already hold.
/// </summary>
public sealed record ApplicationRequest(
    int? Replicas,
    JsonElement? Template,
    PlacementRequest? Placement,
    int? MaxUnavailable,
    string? FailoverAfter,
    MigrationSettings? Migration,
    RolloutRequest? Rollout = null,
    List<Federation.Workloads.Overrides.OverrideRule>? Overrides = null,
    List<JsonElement>? Companions = null,
    List<string>? ProvidedByMember = null,

    List<HookRequest?>? Hooks = null,
    FailoverRequest? Failover = null);

/// <summary>What happens to a StatefulSet's replicas on a failed member: <c>stateful</c> Immediate|AfterConfirmation (default)|Never.</summary>
public sealed record FailoverRequest(string? Stateful);

/// <summary>One hook of an application: <c>on</c> BeforeScaleDown|AfterReady, an http(s) URL, an HMAC secret, a timeout per try, retries, Fail|Ignore.</summary>
public sealed record HookRequest(string? On, string? Url, string? Secret, string? Timeout, int? Retries, string? FailurePolicy);

public sealed record PlacementRequest(
    string? Strategy,
    List<string>? ClusterNames,
    Dictionary<string, string>? ClusterSelector,
    Dictionary<string, int>? Weights,
    Dictionary<string, BoundsRequest>? Bounds,
    SpreadRequest? Spread);

public sealed record BoundsRequest(int? Min, int? Max);

public sealed record SpreadRequest(string? Label, int? MinGroups);

/// <summary>How replicas move: surge step, how long a step may take, when unready replicas count as failed.</summary>
public sealed record MigrationSettings(int? StepSize, string? StepTimeout, string? UnhealthyAfter);

/// <summary>
/// How a new template reaches the members: <c>Strategy</c> All (default) or Progressive; a <c>Canary</c> wave
/// and ordered <c>Waves</c> (members no wave selects go last), or <c>MaxConcurrency</c> (2 or "25%") without
/// waves; <c>Soak</c>, <c>ProgressDeadline</c> per member, <c>MaxFailures</c> (count or "%"), <c>OnFailure</c> Rollback or Halt.
/// </summary>
public sealed record RolloutRequest(
    string? Strategy,
    WaveRequest? Canary,
    List<WaveRequest>? Waves,
    JsonElement? MaxConcurrency,
    string? Soak,
    string? ProgressDeadline,
    JsonElement? MaxFailures,
    string? OnFailure,
    DateTimeOffset? StartAt = null,
    RolloutWindowRequest? Window = null);

/// <summary>A recurring window for starting members: a Quartz <c>Cron</c> in <c>TimeZone</c> (default UTC), open <c>For</c> a duration.</summary>
public sealed record RolloutWindowRequest(string? Cron, string? TimeZone, string? For);

/// <summary>Members of a wave, by name or by labels (every label given must match).</summary>
public sealed record WaveRequest(List<string>? ClusterNames, Dictionary<string, string>? ClusterSelector);

/// <summary>POST /api/v1/plans: hypothetical changes, evaluated with the live scheduling code; nothing changes.</summary>
public sealed record PlanRequest(
    List<string>? Retire,
    List<string>? Drain,
    List<string>? Cordon,
    List<PlanMemberRequest>? Add,
    List<PlanScaleRequest>? Scale);

/// <summary>A member to add in a plan: <c>Nodes</c> nodes of <c>Cpu</c> (e.g. "8", "500m") and <c>Memory</c> (e.g. "32Gi").</summary>
public sealed record PlanMemberRequest(string? Name, Dictionary<string, string>? Labels, int? Nodes, string? Cpu, string? Memory);

/// <summary>An application ("namespace/name") scaled to <c>Replicas</c> in a plan.</summary>
public sealed record PlanScaleRequest(string? Application, int? Replicas);

/// <summary>
/// POST /api/v1/clusters/{name}/schedules: <c>Action</c> drain or retire <c>At</c> a time with an
/// explicit offset, or maintain on a <c>Cron</c> (Quartz syntax) in <c>TimeZone</c> for <c>For</c>.
/// </summary>
public sealed record ScheduleRequest(string? Action, DateTimeOffset? At, string? Cron, string? TimeZone, string? For);

/// <summary>POST /api/v1/plans/survivability: every single loss (<c>Survive</c> 1) or pair (2) of members, or of the values of a label (<c>By</c>).</summary>
public sealed record SurvivabilityRequest(int? Survive, string? By);
