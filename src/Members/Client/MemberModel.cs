using Federation.Workloads;

namespace Federation.Members.Client;

// The records the rest of the system sees at the member boundary.

/// <summary>
/// How to reach a member: a kubeconfig (content, not a path) or a server URL with an optional
/// bearer token. Credentials never leave the service.
/// </summary>
public sealed record MemberConnection(string Name, string? Kubeconfig = null, string? Server = null, string? BearerToken = null);

/// <summary>
/// A Deployment to apply for an application: the application's (effective) workload template, whose
/// name, namespace and replicas are overridden, and labels marking it as managed by the federation and
/// naming the application are added. A StatefulSet runs the ordinals from <paramref name="OrdinalsStart"/>.
/// </summary>
public sealed record DeploymentApply(string Namespace, string Name, string Application, int Replicas, WorkloadTemplate Template, int OrdinalsStart = 0);

/// <summary>A companion of an application to apply on a member: its manifest as JSON (a Secret's values in clear: held only in memory).</summary>
public sealed record CompanionApply(string Namespace, string Application, string Kind, string Name, string Manifest);

public sealed record DeploymentCondition(string Type, string Status, string? Reason, string? Message);

/// <summary>A workload's (Deployment's or StatefulSet's) spec replicas and status, as the member reports them.</summary>
public sealed record DeploymentStatus(
    string Namespace,
    string Name,
    string? Application,
    int DesiredReplicas,
    int Replicas,
    int ReadyReplicas,
    int AvailableReplicas,
    int UpdatedReplicas,
    int UnavailableReplicas,
    long Generation,
    long ObservedGeneration,
    string ResourceVersion,
    IReadOnlyList<DeploymentCondition> Conditions,
    string Kind = WorkloadTemplate.Deployment,
    int OrdinalsStart = 0);

public sealed record DeploymentList(IReadOnlyList<DeploymentStatus> Items, string ResourceVersion);

public enum DeploymentEventType
{
    Added,
    Modified,
    Deleted,
    /// <summary>The watch re-listed (after 410 Gone); <see cref="DeploymentEvent.Snapshot"/> holds the full current set.</summary>
    Resync,
}

public sealed record DeploymentEvent(DeploymentEventType Type, DeploymentStatus? Deployment, IReadOnlyList<DeploymentStatus>? Snapshot = null);

public sealed record ProbeResult(bool Healthy, TimeSpan Latency, string? Error);

/// <summary>One node's allocatable resources and what its scheduled pods request.</summary>
public sealed record NodeResources(
    string Name,
    bool Ready,
    long AllocatableMilliCpu,
    long AllocatableMemoryBytes,
    long RequestedMilliCpu,
    long RequestedMemoryBytes)
{
    /// <summary>The node's pod limit (its allocatable <c>pods</c>; Kubernetes' default 110 when it states none).</summary>
    public long AllocatablePods { get; init; } = Federation.Capacity.CapacityMath.PodsPerNode;

    /// <summary>Live pods bound to the node.</summary>
    public long RunningPods { get; init; }

    public long FreeMilliCpu => Math.Max(0, AllocatableMilliCpu - RequestedMilliCpu);

    public long FreeMemoryBytes => Math.Max(0, AllocatableMemoryBytes - RequestedMemoryBytes);

    public long FreePods => Math.Max(0, AllocatablePods - RunningPods);
}

/// <summary>A member's capacity: totals over its Ready nodes, and each node.</summary>
public sealed record ClusterCapacity(IReadOnlyList<NodeResources> Nodes)
{
    public IEnumerable<NodeResources> ReadyNodes => Nodes.Where(n => n.Ready);

    public long FreeMilliCpu => ReadyNodes.Sum(n => n.FreeMilliCpu);

    public long FreeMemoryBytes => ReadyNodes.Sum(n => n.FreeMemoryBytes);
}

public enum MemberErrorKind
{
    Unreachable,
    Timeout,
    Unauthorized,
    Forbidden,
    NotFound,
    Conflict,
    Invalid,
    ServerError,
}

/// <summary>A classified failure talking to a member, so callers can decide (retry, give up, report).</summary>
public sealed class MemberClientException(MemberErrorKind kind, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public MemberErrorKind Kind { get; } = kind;

    public bool IsTransient => Kind is MemberErrorKind.Unreachable or MemberErrorKind.Timeout or MemberErrorKind.ServerError;
}

/// <summary>
/// The newest revision of a Deployment as its pods tell: how many, how many crash-loop, since when
/// running ones have been unready, and what a failing container says.
/// </summary>
public sealed record RevisionHealth(int Pods, int Crashing, DateTimeOffset? UnreadySince, string? Problem)
{
    public static RevisionHealth None { get; } = new(0, 0, null, null);
}
