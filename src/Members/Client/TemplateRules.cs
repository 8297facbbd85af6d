using System.Text.Json;
using System.Text.RegularExpressions;
using Federation.Members.Simulation;
using k8s;
using k8s.Models;

namespace Federation.Members.Client;

/// <summary>
/// What a member's API server would refuse in a Deployment template, checked before the template is
/// accepted: a template every member answers 422 would leave its application stuck for good.
/// The subset Kubernetes checks on every Deployment: names, selector, containers.
/// </summary>
internal static partial class TemplateRules
{
    public static void Check(JsonElement root, JsonElement spec, JsonElement podTemplate, JsonElement podSpec)
    {
        // Every field of the right type, as the member's API server will read it.
        try
        {
            KubernetesJson.Deserialize<V1Deployment>(root.GetRawText());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Whatever the model's converters throw (a quantity of "NaN" fails deep in their arithmetic).
            var at = (e as JsonException)?.Path?.TrimStart('$').TrimStart('.');
            throw JsonFields.Bad(string.IsNullOrEmpty(at) ? "template" : at, "is not what a Deployment holds there (wrong type or format)");
        }

        if (root.TryGetProperty("metadata", out var metadata) && JsonFields.OptionalString(metadata, "name", "metadata.name") is { } name
            && (name.Length > 253 || !DnsSubdomain().IsMatch(name)))
        {
            throw JsonFields.Bad("metadata.name", "is not a DNS-1123 subdomain (lower-case letters, digits, '-' and '.')");
        }

        var selector = Read<V1LabelSelector>(spec, "selector", "spec.selector");
        if (selector is null || ((selector.MatchLabels?.Count ?? 0) == 0 && (selector.MatchExpressions?.Count ?? 0) == 0))
        {
            throw JsonFields.Bad("spec.selector", "is required: matchLabels (or matchExpressions) that the pod template's labels satisfy");
        }

        var templateMetadata = Read<V1ObjectMeta>(podTemplate, "metadata", "spec.template.metadata");
        bool matches;
        try
        {
            matches = LabelSelector.From(selector).Matches(templateMetadata?.Labels);
        }
        catch (ArgumentException e)
        {
            throw JsonFields.Bad("spec.selector.matchExpressions", e.Message);
        }

        if (!matches)
        {
            throw JsonFields.Bad("spec.template.metadata.labels", "do not match spec.selector");
        }

        Containers(podSpec, "containers");
        Containers(podSpec, "initContainers");
    }

    private static void Containers(JsonElement podSpec, string property)
    {
        if (!podSpec.TryGetProperty(property, out var containers) || containers.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var container in containers.EnumerateArray())
        {
            var at = $"spec.template.spec.{property}[{index++}]";
            var name = JsonFields.OptionalString(container, "name", $"{at}.name") ?? "";
            if (name.Length > 63 || !DnsLabel().IsMatch(name))
            {
                throw JsonFields.Bad($"{at}.name", "is not a DNS-1123 label (lower-case letters, digits and '-', at most 63)");
            }

            if (!seen.Add(name))
            {
                throw JsonFields.Bad($"{at}.name", "is used by another container of the pod");
            }

            if (string.IsNullOrWhiteSpace(JsonFields.OptionalString(container, "image", $"{at}.image")))
            {
                throw JsonFields.Bad($"{at}.image", "is required");
            }
        }
    }

    private static T? Read<T>(JsonElement parent, string property, string path)
        where T : class
    {
        if (JsonFields.OptionalObject(parent, property, path) is not { } value)
        {
            return null;
        }

        try
        {
            return KubernetesJson.Deserialize<T>(value.GetRawText());
        }
        catch (JsonException e)
        {
            throw JsonFields.Bad(path, $"is not a valid {typeof(T).Name[2..]} ({e.Message.Split(" Path:")[0]})");
        }
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex DnsSubdomain();
}
