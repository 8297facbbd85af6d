using System.Text.Json.Nodes;

namespace Federation.Workloads.Overrides;

/// <summary>
/// A member's effective workload: the template with every rule that selects the member applied, rules in
/// order, and within a rule the overriders in a fixed order — image, command, args, env, labels,
/// annotations, resources, patch — so that the same rules always give the same manifest.
/// </summary>
public static class Overrides
{
    /// <summary>Whether a rule's target selects the member (a rule without a target selects every member).</summary>
    public static bool Selects(OverrideTarget? target, string member, IReadOnlyDictionary<string, string> labels)
    {
        if (target is null)
        {
            return true;
        }

        var byName = target.ClusterNames is not { Count: > 0 } names || names.Contains(member, StringComparer.Ordinal);
        var byLabels = target.LabelSelector is not { Count: > 0 } selector
            || selector.All(kv => labels.TryGetValue(kv.Key, out var value) && value == kv.Value);
        return byName && byLabels;
    }

    /// <summary>
    /// The effective template on <paramref name="member"/>. Throws <see cref="InvalidOverrideException"/> for a rule
    /// that cannot apply, and <see cref="InvalidTemplateException"/> when the result is no valid workload.
    /// </summary>
    public static WorkloadTemplate Apply(WorkloadTemplate template, IReadOnlyList<OverrideRule>? rules, string member, IReadOnlyDictionary<string, string> labels)
    {
        var selected = (rules ?? []).Select((rule, i) => (rule, i)).Where(r => r.rule is null || Selects(r.rule.Target, member, labels)).ToList();
        return selected.Count == 0 ? template : Apply(template, selected);
    }

    /// <summary>Every rule applied regardless of its target: checks the rules' own shape before any member is known.</summary>
    public static WorkloadTemplate ApplyAll(WorkloadTemplate template, IReadOnlyList<OverrideRule>? rules) =>
        Apply(template, [.. (rules ?? []).Select((rule, i) => (rule, i))]);

    private static WorkloadTemplate Apply(WorkloadTemplate template, IReadOnlyList<(OverrideRule Rule, int Index)> rules)
    {
        var manifest = template.Manifest();
        foreach (var (rule, index) in rules)
        {
            var at = $"overrides[{index}]";
            if (rule is null)
            {
                throw new InvalidOverrideException(at, "is null");
            }

            var containers = Containers(manifest);
            Each(rule.Image, $"{at}.image", (o, path) => ContainerOverriders.Image(containers, o, path));
            Each(rule.Command, $"{at}.command", (o, path) => ContainerOverriders.Command(containers, "command", o, path));
            Each(rule.Args, $"{at}.args", (o, path) => ContainerOverriders.Command(containers, "args", o, path));
            Each(rule.Env, $"{at}.env", (o, path) => ContainerOverriders.Env(containers, o, path));
            Each(rule.Labels, $"{at}.labels", (o, path) => MapOverriders.Apply(Metadata(manifest, "labels"), o, path));
            Each(rule.Annotations, $"{at}.annotations", (o, path) => MapOverriders.Apply(Metadata(manifest, "annotations"), o, path));
            Each(rule.Resources, $"{at}.resources", (o, path) => ContainerOverriders.Resources(containers, o, path));
            if (rule.Patch is { } patch)
            {
                manifest = JsonPatches.Apply(manifest, patch, $"{at}.patch");
            }
        }

        return WorkloadTemplate.Parse(manifest);
    }

    private static void Each<T>(IReadOnlyList<T>? overriders, string path, Action<T, string> apply)
    {
        for (var i = 0; i < (overriders?.Count ?? 0); i++)
        {
            apply(overriders![i] ?? throw new InvalidOverrideException($"{path}[{i}]", "is null"), $"{path}[{i}]");
        }
    }

    private static JsonArray Containers(JsonObject manifest) =>
        manifest["spec"]?["template"]?["spec"]?["containers"] as JsonArray ?? [];

    private static JsonObject Metadata(JsonObject manifest, string map)
    {
        var metadata = manifest["metadata"] as JsonObject ?? (JsonObject)(manifest["metadata"] = new JsonObject());
        return metadata[map] as JsonObject ?? (JsonObject)(metadata[map] = new JsonObject());
    }
}
