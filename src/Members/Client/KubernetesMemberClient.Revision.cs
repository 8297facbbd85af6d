using System.Net;
using k8s;
using k8s.Autorest;
using Federation.Workloads;
using k8s.Models;

namespace Federation.Members.Client;

// A workload's newest revision, read from its pods: what a progressive rollout judges a member by.
public sealed partial class KubernetesMemberClient
{
    public Task<RevisionHealth> GetRevisionHealthAsync(string ns, string name, string kind = WorkloadTemplate.Deployment, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ns);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return CallAsync($"read pods of {kind.ToLowerInvariant()} {ns}/{name}", async (k, t) =>
        {
            V1LabelSelector? selectorOf;
            try
            {
                selectorOf = kind == WorkloadTemplate.StatefulSet
                    ? (await k.AppsV1.ReadNamespacedStatefulSetAsync(name, ns, cancellationToken: t).ConfigureAwait(false)).Spec?.Selector
                    : (await k.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: t).ConfigureAwait(false)).Spec?.Selector;
            }
            catch (HttpOperationException e) when (MemberErrors.StatusOf(e) == HttpStatusCode.NotFound)
            {
                return RevisionHealth.None;
            }

            var labels = selectorOf?.MatchLabels;
            if (labels is not { Count: > 0 })
            {
                return RevisionHealth.None;
            }

            var selector = string.Join(',', labels.Select(l => $"{l.Key}={l.Value}"));
            var pods = await k.CoreV1.ListNamespacedPodAsync(ns, labelSelector: selector, cancellationToken: t).ConfigureAwait(false);
            return RevisionHealthReader.Read(pods.Items);
        }, ct);
    }
}
