using Federation.Workloads;
using k8s.Models;

namespace Federation.Members.Client;

/// <summary>Translates between the federation's records and Kubernetes Deployments and StatefulSets; nothing else sees V1Deployment or V1StatefulSet.</summary>
internal static class DeploymentMapper
{
    public static DeploymentStatus ToStatus(V1Deployment deployment)
    {
        var metadata = deployment.Metadata ?? new V1ObjectMeta();
        var status = deployment.Status;
        return new DeploymentStatus(
            metadata.NamespaceProperty ?? "",
            metadata.Name ?? "",
            ApplicationOf(metadata),
            deployment.Spec?.Replicas ?? 1,
            status?.Replicas ?? 0,
            status?.ReadyReplicas ?? 0,
            status?.AvailableReplicas ?? 0,
            status?.UpdatedReplicas ?? 0,
            status?.UnavailableReplicas ?? 0,
            metadata.Generation ?? 0,
            status?.ObservedGeneration ?? 0,
            metadata.ResourceVersion ?? "",
            status?.Conditions?.Select(c => new DeploymentCondition(c.Type ?? "", c.Status ?? "", c.Reason, c.Message)).ToList()
                ?? []);
    }

    /// <summary>A StatefulSet as the same record: its ready pods are its available ones (minReadySeconds aside).</summary>
    public static DeploymentStatus ToStatus(V1StatefulSet statefulSet)
    {
        var metadata = statefulSet.Metadata ?? new V1ObjectMeta();
        var status = statefulSet.Status;
        var desired = statefulSet.Spec?.Replicas ?? 1;
        return new DeploymentStatus(
            metadata.NamespaceProperty ?? "",
            metadata.Name ?? "",
            ApplicationOf(metadata),
            desired,
            status?.Replicas ?? 0,
            status?.ReadyReplicas ?? 0,
            status?.AvailableReplicas ?? 0,
            status?.UpdatedReplicas ?? 0,
            Math.Max(0, desired - (status?.AvailableReplicas ?? 0)),
            metadata.Generation ?? 0,
            status?.ObservedGeneration ?? 0,
            metadata.ResourceVersion ?? "",
            status?.Conditions?.Select(c => new DeploymentCondition(c.Type ?? "", c.Status ?? "", c.Reason, c.Message)).ToList() ?? [],
            WorkloadTemplate.StatefulSet,
            statefulSet.Spec?.Ordinals?.Start ?? 0);
    }

    /// <summary>
    /// The server-side apply body: the template's manifest for this member (<see cref="WorkloadTemplate.ForMember"/>)
    /// with the federation's labels on the Deployment's own metadata.
    /// </summary>
    public static string ApplyBody(DeploymentApply apply) => apply.Template.ForMember(
        apply.Namespace,
        apply.Name,
        apply.Replicas,
        new Dictionary<string, string>
        {
            [FederationLabels.ManagedBy] = FederationLabels.ManagedByValue,
            [FederationLabels.Application] = FederationLabels.ApplicationLabelValue(apply.Application),
        },
        new Dictionary<string, string> { [FederationLabels.Application] = apply.Application },
        apply.OrdinalsStart).ToJsonString();

    private static string? ApplicationOf(V1ObjectMeta metadata)
    {
        if (metadata.Annotations is { } annotations && annotations.TryGetValue(FederationLabels.Application, out var exact))
        {
            return exact;
        }

        return metadata.Labels is { } labels && labels.TryGetValue(FederationLabels.Application, out var label) ? label : null;
    }
}
