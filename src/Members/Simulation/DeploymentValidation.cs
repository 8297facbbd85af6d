using System.Text.RegularExpressions;
using k8s.Models;

namespace Federation.Members.Simulation;

/// <summary>The checks behind 422 Invalid for Deployments (a useful subset of Kubernetes' validation).</summary>
internal static partial class DeploymentValidation
{
    public static void Validate(V1Deployment d, V1Deployment? old)
    {
        var name = d.Metadata?.Name ?? "";
        var errors = new List<(string, string)>();
        if (string.IsNullOrEmpty(name))
        {
            errors.Add(("metadata.name", "Required value: name or generateName is required"));
        }
        else if (!IsDnsSubdomain(name))
        {
            errors.Add(("metadata.name", $"Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"));
        }

        var spec = d.Spec;
        if (spec.Replicas < 0)
        {
            errors.Add(("spec.replicas", $"Invalid value: {spec.Replicas}: must be greater than or equal to 0"));
        }

        var selector = spec.Selector;
        if (selector is null || ((selector.MatchLabels?.Count ?? 0) == 0 && (selector.MatchExpressions?.Count ?? 0) == 0))
        {
            errors.Add(("spec.selector", "Required value"));
        }
        else
        {
            try
            {
                if (!LabelSelector.From(selector).Matches(spec.Template.Metadata?.Labels))
                {
                    errors.Add(("spec.template.metadata.labels", $"Invalid value: {FormatLabels(spec.Template.Metadata?.Labels)}: `selector` does not match template `labels`"));
                }
            }
            catch (ArgumentException e)
            {
                errors.Add(("spec.selector.matchExpressions", $"Invalid value: {e.Message}"));
            }
        }

        if (old is not null && LabelSelector.Format(old.Spec.Selector) != LabelSelector.Format(selector))
        {
            errors.Add(("spec.selector", $"Invalid value: {LabelSelector.Format(selector)}: field is immutable"));
        }

        var containers = spec.Template.Spec.Containers;
        if (containers.Count == 0)
        {
            errors.Add(("spec.template.spec.containers", "Required value"));
        }

        for (var i = 0; i < containers.Count; i++)
        {
            if (string.IsNullOrEmpty(containers[i].Name))
            {
                errors.Add(($"spec.template.spec.containers[{i}].name", "Required value"));
            }

            if (string.IsNullOrEmpty(containers[i].Image))
            {
                errors.Add(($"spec.template.spec.containers[{i}].image", "Required value"));
            }
        }

        errors.AddRange(ResourceValidation.Of(d, spec.Template.Spec, "spec.template.spec"));
        var rolling = spec.Strategy?.RollingUpdate;
        if (spec.Strategy?.Type is not ("RollingUpdate" or "Recreate"))
        {
            errors.Add(("spec.strategy.type", $"Unsupported value: \"{spec.Strategy?.Type}\": supported values: \"Recreate\", \"RollingUpdate\""));
        }
        else if (spec.Strategy.Type == "Recreate" && rolling is not null)
        {
            errors.Add(("spec.strategy.rollingUpdate", "Forbidden: may not be specified when strategy `type` is 'Recreate'"));
        }
        else if (rolling is not null)
        {
            if (!RolloutLimits.IsValid(rolling.MaxSurge?.Value) || !RolloutLimits.IsValid(rolling.MaxUnavailable?.Value))
            {
                errors.Add(("spec.strategy.rollingUpdate", "Invalid value: must be an integer or percentage (e.g '5%')"));
            }
            else if (IsZero(rolling.MaxSurge?.Value) && IsZero(rolling.MaxUnavailable?.Value))
            {
                errors.Add(("spec.strategy.rollingUpdate.maxUnavailable", "Invalid value: 0: may not be 0 when `maxSurge` is 0"));
            }
        }

        if (errors.Count > 0)
        {
            throw ApiException.Invalid(ResourceKind.Deployment, name, errors);
        }
    }

    public static bool IsDnsSubdomain(string name) => name.Length <= 253 && DnsSubdomain().IsMatch(name);

    private static bool IsZero(string? value) => value is "0" or "0%";

    private static string FormatLabels(IDictionary<string, string>? labels) =>
        $"map[string]string{{{string.Join(", ", (labels ?? new Dictionary<string, string>()).Select(p => $"\"{p.Key}\":\"{p.Value}\""))}}}";

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();
}
