using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Federation.Members.Client;

// Companions: the resources that go with an application's workload (ConfigMaps, Secrets, Services, ...).
public sealed partial class KubernetesMemberClient
{
    public Task ApplyCompanionAsync(CompanionApply apply, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(apply);
        if (apply.Kind == "Namespace")
        {
            return EnsureNamespaceAsync(apply.Name, ct);
        }

        var body = ApplyBody(apply);
        var patch = new V1Patch(body, V1Patch.PatchType.ApplyPatch);
        const string manager = FederationLabels.FieldManager;

        // Server-side apply is idempotent, so retrying it after a lost answer is safe.
        return InNamespaceAsync(apply.Namespace, CallAsync<object>($"apply {apply.Kind.ToLowerInvariant()} {apply.Namespace}/{apply.Name}", async (k, t) => apply.Kind switch
        {
            "ConfigMap" => await k.CoreV1.PatchNamespacedConfigMapAsync(patch, apply.Name, apply.Namespace, fieldManager: manager, force: true, cancellationToken: t).ConfigureAwait(false),
            "Secret" => await k.CoreV1.PatchNamespacedSecretAsync(patch, apply.Name, apply.Namespace, fieldManager: manager, force: true, cancellationToken: t).ConfigureAwait(false),
            "Service" => await k.CoreV1.PatchNamespacedServiceAsync(patch, apply.Name, apply.Namespace, fieldManager: manager, force: true, cancellationToken: t).ConfigureAwait(false),
            "ServiceAccount" => await k.CoreV1.PatchNamespacedServiceAccountAsync(patch, apply.Name, apply.Namespace, fieldManager: manager, force: true, cancellationToken: t).ConfigureAwait(false),
            "PodDisruptionBudget" => await k.PolicyV1.PatchNamespacedPodDisruptionBudgetAsync(patch, apply.Name, apply.Namespace, fieldManager: manager, force: true, cancellationToken: t).ConfigureAwait(false),
            _ => throw new ArgumentException($"{apply.Kind} is not a companion kind", nameof(apply)),
        }, ct));
    }

    public Task DeleteCompanionAsync(string ns, string kind, string name, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ns);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (kind == "Namespace")
        {
            // A namespace is created when missing and never deleted: other workloads may live in it.
            return Task.CompletedTask;
        }

        return CallAsync($"delete {kind.ToLowerInvariant()} {ns}/{name}", async (k, t) =>
        {
            try
            {
                _ = kind switch
                {
                    "ConfigMap" => await k.CoreV1.DeleteNamespacedConfigMapAsync(name, ns, cancellationToken: t).ConfigureAwait(false),
                    "Secret" => await k.CoreV1.DeleteNamespacedSecretAsync(name, ns, cancellationToken: t).ConfigureAwait(false),
                    "Service" => await k.CoreV1.DeleteNamespacedServiceAsync(name, ns, cancellationToken: t).ConfigureAwait(false),
                    "ServiceAccount" => await k.CoreV1.DeleteNamespacedServiceAccountAsync(name, ns, cancellationToken: t).ConfigureAwait(false),
                    "PodDisruptionBudget" => (object)await k.PolicyV1.DeleteNamespacedPodDisruptionBudgetAsync(name, ns, cancellationToken: t).ConfigureAwait(false),
                    _ => throw new ArgumentException($"{kind} is not a companion kind", nameof(kind)),
                };
            }
            catch (HttpOperationException e) when (MemberErrors.StatusOf(e) == HttpStatusCode.NotFound)
            {
                // Already gone.
            }

            return true;
        }, ct);
    }

    /// <summary>The companion's manifest with the federation's labels and the application's annotation on its metadata.</summary>
    private static string ApplyBody(CompanionApply apply)
    {
        var manifest = JsonNode.Parse(apply.Manifest)!.AsObject();
        var metadata = manifest["metadata"] as JsonObject ?? (JsonObject)(manifest["metadata"] = new JsonObject());
        metadata["name"] = apply.Name;
        metadata["namespace"] = apply.Namespace;
        var labels = metadata["labels"] as JsonObject ?? (JsonObject)(metadata["labels"] = new JsonObject());
        labels[FederationLabels.ManagedBy] = FederationLabels.ManagedByValue;
        labels[FederationLabels.Application] = FederationLabels.ApplicationLabelValue(apply.Application);
        var annotations = metadata["annotations"] as JsonObject ?? (JsonObject)(metadata["annotations"] = new JsonObject());
        annotations[FederationLabels.Application] = apply.Application;
        return manifest.ToJsonString();
    }
}
