using Federation.Workloads;
using k8s.Models;

namespace Federation.Members.Client;

/// <summary>Translates between the federation's records and Kubernetes Deployments; nothing else sees V1Deployment.</summary>
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
        new Dictionary<string, string> { [FederationLabels.Application] = apply.Application }).ToJsonString();

    private static string? ApplicationOf(V1ObjectMeta metadata)
    {
        if (metadata.Annotations is { } annotations && annotations.TryGetValue(FederationLabels.Application, out var exact))
        {
            return exact;
        }

        return metadata.Labels is { } labels && labels.TryGetValue(FederationLabels.Application, out var label) ? label : null;
    }
}
