using Federation.Workloads;

namespace Federation.Members.Client;

/// <summary>
/// Everything the federation asks of one member cluster, spoken through the Kubernetes API.
/// Implementations classify failures as <see cref="MemberClientException"/>; callers never see
/// Kubernetes types.
/// </summary>
public interface IMemberClient : IDisposable
{
    /// <summary>Creates the namespace when it does not exist.</summary>
    Task EnsureNamespaceAsync(string ns, CancellationToken ct = default);

    /// <summary>Server-side applies the application's Deployment or StatefulSet (the template's kind; field manager <c>federation</c>) with the given replicas.</summary>
    Task<DeploymentStatus> ApplyDeploymentAsync(DeploymentApply apply, CancellationToken ct = default);

    /// <summary>Server-side applies one of an application's companions (ConfigMap, Secret, Service, ...); a Namespace is created when missing.</summary>
    Task ApplyCompanionAsync(CompanionApply apply, CancellationToken ct = default);

    /// <summary>Deletes a companion; succeeds when it is already gone. A Namespace is never deleted.</summary>
    Task DeleteCompanionAsync(string ns, string kind, string name, CancellationToken ct = default);

    /// <summary>Sets the replicas of a managed Deployment through its scale subresource.</summary>
    Task ScaleDeploymentAsync(string ns, string name, int replicas, CancellationToken ct = default);

    /// <summary>Reads one Deployment's (or StatefulSet's, by <paramref name="kind"/>) status; null when it does not exist.</summary>
    Task<DeploymentStatus?> GetDeploymentAsync(string ns, string name, string kind = WorkloadTemplate.Deployment, CancellationToken ct = default);

    /// <summary>Reads the pods of a workload's newest revision (crash loops, unready ones); None when it does not exist.</summary>
    Task<RevisionHealth> GetRevisionHealthAsync(string ns, string name, string kind = WorkloadTemplate.Deployment, CancellationToken ct = default);

    /// <summary>Deletes a Deployment (or StatefulSet, by <paramref name="kind"/>); succeeds when it is already gone.</summary>
    Task DeleteDeploymentAsync(string ns, string name, string kind = WorkloadTemplate.Deployment, CancellationToken ct = default);

    /// <summary>Lists every Deployment the federation manages on this member, with the list's resourceVersion.</summary>
    Task<DeploymentList> ListManagedDeploymentsAsync(CancellationToken ct = default);

    /// <summary>
    /// Watches every managed Deployment on the member. Resumes from the last resourceVersion after a
    /// dropped connection and re-lists (emitting <see cref="DeploymentEventType.Resync"/>) on 410 Gone;
    /// ends only when <paramref name="ct"/> is cancelled.
    /// </summary>
    IAsyncEnumerable<DeploymentEvent> WatchManagedDeploymentsAsync(CancellationToken ct = default);

    /// <summary>As <see cref="WatchManagedDeploymentsAsync"/>, over every managed StatefulSet.</summary>
    IAsyncEnumerable<DeploymentEvent> WatchManagedStatefulSetsAsync(CancellationToken ct = default);

    /// <summary>Probes <c>/readyz</c> with a short timeout; never throws for an unhealthy member.</summary>
    Task<ProbeResult> ProbeAsync(CancellationToken ct = default);

    /// <summary>Per-node allocatable minus the requests of pods scheduled there, Ready nodes only.</summary>
    Task<ClusterCapacity> GetCapacityAsync(CancellationToken ct = default);
}
