using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Federation.Members.Client;

// A Deployment's newest revision, read from its pods: what a progressive rollout judges a member by.
public sealed partial class KubernetesMemberClient
{
    public Task<RevisionHealth> GetRevisionHealthAsync(string ns, string name, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(ns);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        return CallAsync($"read pods of deployment {ns}/{name}", async (k, t) =>
        {
            V1Deployment deployment;
            try
            {
                deployment = await k.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: t).ConfigureAwait(false);
            }
            catch (HttpOperationException e) when (MemberErrors.StatusOf(e) == HttpStatusCode.NotFound)
            {
                return RevisionHealth.None;
            }

            var labels = deployment.Spec?.Selector?.MatchLabels;
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
