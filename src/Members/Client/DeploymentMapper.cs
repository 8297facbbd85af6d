using System.Text.Json;
using k8s;
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
    /// The server-side apply body: the template with its identity and replicas overridden, the federation's
    /// labels on the Deployment's own metadata (never on the selector or the pod template, so that applying
    /// to a Deployment created elsewhere cannot try to change its immutable selector), and no server-owned fields.
    /// </summary>
    public static string ApplyBody(DeploymentApply apply)
    {
        V1Deployment? deployment;
        try
        {
            deployment = KubernetesJson.Deserialize<V1Deployment>(apply.TemplateJson);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException)
        {
            throw new ArgumentException($"TemplateJson is not a Kubernetes Deployment in JSON ({e.Message})", nameof(apply), e);
        }

        if (deployment is null)
        {
            throw new ArgumentException("TemplateJson is empty", nameof(apply));
        }

        if (deployment.Kind is not null && deployment.Kind != "Deployment")
        {
            throw new ArgumentException($"TemplateJson kind is '{deployment.Kind}'; expected 'Deployment'", nameof(apply));
        }

        var source = deployment.Metadata ?? new V1ObjectMeta();
        var labels = new Dictionary<string, string>(source.Labels ?? new Dictionary<string, string>())
        {
            [FederationLabels.ManagedBy] = FederationLabels.ManagedByValue,
            [FederationLabels.Application] = FederationLabels.ApplicationLabelValue(apply.Application),
        };
        var annotations = new Dictionary<string, string>(source.Annotations ?? new Dictionary<string, string>())
        {
            [FederationLabels.Application] = apply.Application,
        };

        deployment.ApiVersion = "apps/v1";
        deployment.Kind = "Deployment";
        deployment.Metadata = new V1ObjectMeta
        {
            Name = apply.Name,
            NamespaceProperty = apply.Namespace,
            Labels = labels,
            Annotations = annotations,
        };
        deployment.Spec ??= new V1DeploymentSpec();
        deployment.Spec.Replicas = apply.Replicas;
        deployment.Status = null;
        return KubernetesJson.Serialize(deployment);
    }

    private static string? ApplicationOf(V1ObjectMeta metadata)
    {
        if (metadata.Annotations is { } annotations && annotations.TryGetValue(FederationLabels.Application, out var exact))
        {
            return exact;
        }

        return metadata.Labels is { } labels && labels.TryGetValue(FederationLabels.Application, out var label) ? label : null;
    }
}
