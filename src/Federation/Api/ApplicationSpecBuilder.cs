using Federation.Grains;
using Federation.Members.Client;
using Federation.Scheduling;
using Federation.Workloads;

namespace Federation.Api;

/// <summary>Turns an application request into a spec, naming every field that is wrong.</summary>
public static class ApplicationSpecBuilder
{
    public const int MaxReplicas = 100_000;

    /// <summary>
    /// Whether <see cref="Build"/> checks the request against the joined members: only a placement that
    /// names members or selects them by label, or overrides (checked on each member they select). Any
    /// other request is built the same without them, so the API does not ask the host for them: one
    /// grain call fewer on every such PUT.
    /// </summary>
    public static bool ChecksMembers(ApplicationRequest? body) =>
        body is not null
        && (body.Overrides is { Count: > 0 }
            || body.Placement is { } p && (p.ClusterNames is { Count: > 0 } || p.ClusterSelector is { Count: > 0 } || p.Weights is { Count: > 0 } || p.Bounds is { Count: > 0 }));

    public static ApplicationSpec? Build(string ns, string name, ApplicationRequest? body, IReadOnlyList<MemberLabels> members, Validation v)
    {
        v.Name("namespace", ns);
        v.Name("name", name);
        if (body is null)
        {
            v.Add("body", "a JSON object with replicas, template and placement is required");
            return null;
        }

        // 1. The template: a workload; its pod requests drive capacity-aware placement.
        WorkloadTemplate? template = null;
        if (body.Template is not { ValueKind: System.Text.Json.JsonValueKind.Object } t)
        {
            v.Add("template", "a Kubernetes Deployment or StatefulSet object is required");
        }
        else
        {
            try
            {
                template = WorkloadTemplate.Parse(t.GetRawText());
                TemplateRules.Check(template);
                if (template.Name is { } n && n != name)
                {
                    v.Add("template.metadata.name", $"{Validation.Quote(n)} differs from the application name {Validation.Quote(name)}");
                }

                if (template.Namespace is { } tn && tn != ns)
                {
                    v.Add("template.metadata.namespace", $"{Validation.Quote(tn)} differs from the application namespace {Validation.Quote(ns)}");
                }
            }
            catch (InvalidTemplateException e)
            {
                v.Add(e.Field == "template" ? "template" : $"template.{e.Field}", Validation.Truncate(e.Problem, 300));
            }
        }

        if (template is not null && body.Overrides is { Count: > 0 } rules)
        {
            MemberOverrides.Check(template, rules, members, v);
        }

        var companions = template is null ? null : BundleBuilder.Build(ns, template, body.Companions, body.ProvidedByMember, v);

        // 2. Replicas: given, or the template's own spec.replicas.
        var replicas = body.Replicas ?? template?.Replicas;
        if (replicas is null && (template is not null || body.Template is null))
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
        if (policy?.Spread is { } spread && replicas is { } total && spread.MinGroups > Math.Max(total, 1))
        {
            v.Add("placement.spread.minGroups", $"{spread.MinGroups} groups cannot each hold one of {total} replica(s)");
        }

        var failoverAfter = v.Duration("failoverAfter", body.FailoverAfter, TimeSpan.FromSeconds(30));
        var stepSize = body.Migration?.StepSize ?? 1;
        if (stepSize < 1)
        {
            v.Add("migration.stepSize", $"{stepSize} must be at least 1");
        }

        var stepTimeout = v.Duration("migration.stepTimeout", body.Migration?.StepTimeout, TimeSpan.FromMinutes(2));
        var unhealthyAfter = v.Duration("migration.unhealthyAfter", body.Migration?.UnhealthyAfter, TimeSpan.FromMinutes(3));
        var hooks = HookSpecBuilder.Build(body.Hooks, v);
        var statefulFailover = StatefulRules.Check(template, policy, body, v);
        var rollout = RolloutBuilder.Build(body.Rollout, v);
        if (!v.Ok || template is null || policy is null || rollout is null)
        {
            return null;
        }

        // What the scheduler itself would refuse on every reconcile (all weights zero, minimums above
        // replicas, ...): refused now, with the scheduler's own rule, before anything is stored.
        var podRequest = template.PodRequest;
        try
        {
            SchedulingValidation.Validate(new SchedulingRequest(replicas!.Value, policy, podRequest, [], new Dictionary<string, int>()));
        }
        catch (ArgumentException e)
        {
            v.Add(FieldOf(e.ParamName), Validation.Truncate(e.Message.Split(" (Parameter '")[0].Replace(e.ParamName ?? "", "", StringComparison.Ordinal).Trim(), 300));
            return null;
        }

        return new ApplicationSpec(
            replicas.Value,
            template.Json,
            policy,
            maxUnavailable,
            failoverAfter!.Value,
            stepSize,
            stepTimeout!.Value,
            unhealthyAfter!.Value,
            podRequest,
            template.Hash,
            body.Overrides is { Count: > 0 } overrides ? overrides : null,
            companions is { Count: > 0 } ? companions : null)
        {
            Rollout = rollout,
            Hooks = hooks,
            StatefulFailover = statefulFailover,
        };
    }

    /// <summary>The scheduler's names for fields ("request.Policy.Bounds[east].Min") in the request's ("placement.bounds.east.min").</summary>
    private static string FieldOf(string? parameter)
    {
        var path = (parameter ?? "placement").Replace("request.", "", StringComparison.Ordinal).Replace("Policy", "placement", StringComparison.Ordinal)
            .Replace("[", ".", StringComparison.Ordinal).Replace("]", "", StringComparison.Ordinal);
        return string.Join('.', path.Split('.').Select(p => p.Length > 0 && char.IsUpper(p[0]) && p.Skip(1).Any(char.IsLower) ? char.ToLowerInvariant(p[0]) + p[1..] : p));
    }
}
