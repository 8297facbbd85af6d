using Federation.Grains;
using Federation.Members.Client;
using Federation.Scheduling;

namespace Federation.Api;

/// <summary>Turns an application request into a spec, naming every field that is wrong.</summary>
public static class ApplicationSpecBuilder
{
    public const int MaxReplicas = 100_000;

    public static ApplicationSpec? Build(string ns, string name, ApplicationRequest? body, IReadOnlyList<ClusterView> members, Validation v)
    {
        v.Name("namespace", ns);
        v.Name("name", name);
        if (body is null)
        {
            v.Add("body", "a JSON object with replicas, template and placement is required");
            return null;
        }

        // 1. The template: a Deployment; its pod requests drive capacity-aware placement.
        TemplateInfo? template = null;
        string? templateJson = null;
        if (body.Template is not { ValueKind: System.Text.Json.JsonValueKind.Object } t)
        {
            v.Add("template", "a Kubernetes Deployment object is required");
        }
        else
        {
            templateJson = t.GetRawText();
            try
            {
                template = DeploymentTemplates.Describe(templateJson);
                if (template.Name is { } n && n != name)
                {
                    v.Add("template.metadata.name", $"'{n}' differs from the application name '{name}'");
                }

                if (template.Namespace is { } tn && tn != ns)
                {
                    v.Add("template.metadata.namespace", $"'{tn}' differs from the application namespace '{ns}'");
                }
            }
            catch (ArgumentException e)
            {
                v.Add("template", e.Message);
            }
        }

        // 2. Replicas: given, or the template's own spec.replicas.
        var replicas = body.Replicas ?? TemplateReplicas(body);
        if (replicas is null)
        {
            v.Add("replicas", "is required (or set spec.replicas in the template)");
        }
        else if (replicas < 0 || replicas > MaxReplicas)
        {
            v.Add("replicas", $"{replicas} is out of range 0..{MaxReplicas}");
        }

        var maxUnavailable = body.MaxUnavailable ?? 0;
        if (maxUnavailable < 0 || (replicas is { } r && maxUnavailable > r))
        {
            v.Add("maxUnavailable", $"{maxUnavailable} is out of range 0..replicas");
        }

        var policy = PolicyBuilder.Build(body.Placement, members, v);
        var failoverAfter = v.Duration("failoverAfter", body.FailoverAfter, TimeSpan.FromSeconds(30));
        var stepSize = body.Migration?.StepSize ?? 1;
        if (stepSize < 1)
        {
            v.Add("migration.stepSize", $"{stepSize} must be at least 1");
        }

        var stepTimeout = v.Duration("migration.stepTimeout", body.Migration?.StepTimeout, TimeSpan.FromMinutes(2));
        var unhealthyAfter = v.Duration("migration.unhealthyAfter", body.Migration?.UnhealthyAfter, TimeSpan.FromMinutes(3));
        if (!v.Ok || template is null || policy is null)
        {
            return null;
        }

        return new ApplicationSpec(
            replicas!.Value,
            templateJson!,
            policy,
            maxUnavailable,
            failoverAfter!.Value,
            stepSize,
            stepTimeout!.Value,
            unhealthyAfter!.Value,
            new ResourceRequest(template.MilliCpuPerPod, template.MemoryBytesPerPod),
            template.TemplateHash);
    }

    private static int? TemplateReplicas(ApplicationRequest body) =>
        body.Template is { ValueKind: System.Text.Json.JsonValueKind.Object } t
        && t.TryGetProperty("spec", out var spec) && spec.ValueKind == System.Text.Json.JsonValueKind.Object
        && spec.TryGetProperty("replicas", out var r) && r.TryGetInt32(out var n)
            ? n
            : null;
}
