using System.Text.Json;
using System.Text.RegularExpressions;
using Federation.Members.Simulation;
using Federation.Workloads;
using k8s;
using k8s.Models;

namespace Federation.Members.Client;

/// <summary>
/// What a member's API server would refuse in a workload template, checked before the template is
/// accepted: a template every member answers 422 would leave its application stuck for good.
/// The subset Kubernetes checks on every Deployment: field types, names, selector, containers.
/// </summary>
public static partial class TemplateRules
{
    /// <summary>Throws <see cref="InvalidTemplateException"/> naming the first field a member would refuse.</summary>
    public static void Check(WorkloadTemplate template)
    {
        ArgumentNullException.ThrowIfNull(template);
        Check(template.Json);
    }

    /// <summary>The same checks for any manifest the template produced (an override's result, a member's effective manifest).</summary>
    public static void Check(string deploymentJson)
    {
        V1Deployment deployment;
        try
        {
            // Every field of the right type, as the member's API server will read it.
            deployment = KubernetesJson.Deserialize<V1Deployment>(deploymentJson);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever the model's converters throw (a quantity of "NaN" fails deep in their arithmetic).
            var at = (e as JsonException)?.Path?.TrimStart('$').TrimStart('.');
            throw new InvalidTemplateException(string.IsNullOrEmpty(at) ? "template" : at, "is not what a Deployment holds there (wrong type or format)");
        }

        // Written back as the member will write it: a negative quantity anywhere (a size limit, an overhead) is refused there too.
        if (NegativeQuantities.Find(deployment) is { } negative)
        {
            throw new InvalidTemplateException(negative.Field, negative.Message);
        }

        if (deployment.Metadata?.Name is { } name && (name.Length > 253 || !DnsSubdomain().IsMatch(name)))
        {
            throw new InvalidTemplateException("metadata.name", "is not a DNS-1123 subdomain (lower-case letters, digits, '-' and '.')");
        }

        var selector = deployment.Spec?.Selector;
        if (selector is null || ((selector.MatchLabels?.Count ?? 0) == 0 && (selector.MatchExpressions?.Count ?? 0) == 0))
        {
            throw new InvalidTemplateException("spec.selector", "is required: matchLabels (or matchExpressions) that the pod template's labels satisfy");
        }

        bool matches;
        try
        {
            matches = LabelSelector.From(selector).Matches(deployment.Spec?.Template?.Metadata?.Labels);
        }
        catch (ArgumentException e)
        {
            throw new InvalidTemplateException("spec.selector.matchExpressions", e.Message);
        }

        if (!matches)
        {
            throw new InvalidTemplateException("spec.template.metadata.labels", "do not match spec.selector");
        }

        Containers(deployment.Spec?.Template?.Spec?.Containers, "containers");
        Containers(deployment.Spec?.Template?.Spec?.InitContainers, "initContainers");
    }

    private static void Containers(IList<V1Container>? containers, string property)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (containers?.Count ?? 0); i++)
        {
            var at = $"spec.template.spec.{property}[{i}]";
            var name = containers![i].Name ?? "";
            if (name.Length > 63 || !DnsLabel().IsMatch(name))
            {
                throw new InvalidTemplateException($"{at}.name", "is not a DNS-1123 label (lower-case letters, digits and '-', at most 63)");
            }

            if (!seen.Add(name))
            {
                throw new InvalidTemplateException($"{at}.name", "is used by another container of the pod");
            }

            if (string.IsNullOrWhiteSpace(containers[i].Image))
            {
                throw new InvalidTemplateException($"{at}.image", "is required");
            }
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();
}
