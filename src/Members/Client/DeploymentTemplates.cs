using System.Text.Json;
using k8s;
using k8s.Models;

namespace Federation.Members.Client;

/// <summary>
/// Reads an application's Deployment template without a member: its identity, what one pod requests,
/// and a hash of its pod template. Malformed input throws <see cref="ArgumentException"/> naming the field.
/// </summary>
public static class DeploymentTemplates
{
    /// <summary>Describes a Deployment given as JSON.</summary>
    public static TemplateInfo Describe(string deploymentJson)
    {
        ArgumentNullException.ThrowIfNull(deploymentJson);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(deploymentJson);
        }
        catch (JsonException e)
        {
            throw JsonFields.Bad("template", $"is not valid JSON ({e.Message})");
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw JsonFields.Bad("template", $"must be a JSON object, not {root.ValueKind}");
            }

            var kind = JsonFields.OptionalString(root, "kind", "kind");
            if (kind != "Deployment")
            {
                throw JsonFields.Bad("kind", kind is null ? "is missing; expected 'Deployment'" : $"is '{kind}'; expected 'Deployment'");
            }

            var apiVersion = JsonFields.OptionalString(root, "apiVersion", "apiVersion");
            if (apiVersion is not null && apiVersion != "apps/v1")
            {
                throw JsonFields.Bad("apiVersion", $"is '{apiVersion}'; expected 'apps/v1'");
            }

            var metadata = JsonFields.OptionalObject(root, "metadata", "metadata");
            var name = metadata is { } m1 ? JsonFields.OptionalString(m1, "name", "metadata.name") : null;
            var ns = metadata is { } m2 ? JsonFields.OptionalString(m2, "namespace", "metadata.namespace") : null;

            var spec = JsonFields.OptionalObject(root, "spec", "spec") ?? throw JsonFields.Bad("spec", "is missing");
            var template = JsonFields.OptionalObject(spec, "template", "spec.template") ?? throw JsonFields.Bad("spec.template", "is missing");
            var podSpec = JsonFields.OptionalObject(template, "spec", "spec.template.spec") ?? throw JsonFields.Bad("spec.template.spec", "is missing");

            var (appCpu, appMemory) = SumRequests(podSpec, "containers", required: true);
            TemplateRules.Check(root, spec, template, podSpec);
            var (initCpu, initMemory) = MaxRequests(podSpec, "initContainers");

            // Kubernetes schedules a pod by the larger of its app containers' sum and its largest init container.
            return new TemplateInfo(
                name,
                ns,
                Quantities.ToMilli(Math.Max(appCpu, initCpu)),
                Quantities.ToWhole(Math.Max(appMemory, initMemory)),
                CanonicalJson.Hash(template));
        }
    }

    /// <summary>Converts one YAML Deployment document to JSON.</summary>
    public static string FromYaml(string yaml)
    {
        ArgumentNullException.ThrowIfNull(yaml);
        V1Deployment? deployment;
        try
        {
            deployment = KubernetesYaml.Deserialize<V1Deployment>(yaml);
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or FormatException or InvalidOperationException)
        {
            throw JsonFields.Bad("template", $"is not a valid YAML Deployment ({e.Message})", nameof(yaml));
        }

        if (deployment is null)
        {
            throw JsonFields.Bad("template", "is empty", nameof(yaml));
        }

        if (deployment.Kind != "Deployment")
        {
            throw JsonFields.Bad("kind", deployment.Kind is null ? "is missing; expected 'Deployment'" : $"is '{deployment.Kind}'; expected 'Deployment'", nameof(yaml));
        }

        return KubernetesJson.Serialize(deployment);
    }

    private static (decimal Cpu, decimal Memory) SumRequests(JsonElement podSpec, string property, bool required)
    {
        var (cpu, memory) = (0m, 0m);
        foreach (var (c, m) in ContainerRequests(podSpec, property, required))
        {
            cpu += c;
            memory += m;
        }

        return (cpu, memory);
    }

    private static (decimal Cpu, decimal Memory) MaxRequests(JsonElement podSpec, string property)
    {
        var (cpu, memory) = (0m, 0m);
        foreach (var (c, m) in ContainerRequests(podSpec, property, required: false))
        {
            cpu = Math.Max(cpu, c);
            memory = Math.Max(memory, m);
        }

        return (cpu, memory);
    }

    private static List<(decimal Cpu, decimal Memory)> ContainerRequests(JsonElement podSpec, string property, bool required)
    {
        var path = $"spec.template.spec.{property}";
        if (!podSpec.TryGetProperty(property, out var containers) || containers.ValueKind == JsonValueKind.Null)
        {
            return required ? throw JsonFields.Bad(path, "is missing; a pod needs at least one container") : [];
        }

        if (containers.ValueKind != JsonValueKind.Array)
        {
            throw JsonFields.Bad(path, $"must be an array, not {containers.ValueKind}");
        }

        if (required && containers.GetArrayLength() == 0)
        {
            throw JsonFields.Bad(path, "is empty; a pod needs at least one container");
        }

        var result = new List<(decimal, decimal)>();
        var index = 0;
        foreach (var container in containers.EnumerateArray())
        {
            var at = $"{path}[{index++}]";
            if (container.ValueKind != JsonValueKind.Object)
            {
                throw JsonFields.Bad(at, $"must be an object, not {container.ValueKind}");
            }

            if (string.IsNullOrWhiteSpace(JsonFields.OptionalString(container, "name", $"{at}.name")))
            {
                throw JsonFields.Bad($"{at}.name", "is missing");
            }

            var resources = JsonFields.OptionalObject(container, "resources", $"{at}.resources");
            var requests = resources is { } r ? JsonFields.OptionalObject(r, "requests", $"{at}.resources.requests") : null;
            var limits = resources is { } l ? JsonFields.OptionalObject(l, "limits", $"{at}.resources.limits") : null;
            result.Add((Request(requests, limits, "cpu", at), Request(requests, limits, "memory", at)));
        }

        return result;
    }

    // As in Kubernetes, a limit without a request counts as the request.
    private static decimal Request(JsonElement? requests, JsonElement? limits, string resource, string at) =>
        Quantity(requests, resource, $"{at}.resources.requests.{resource}")
        ?? Quantity(limits, resource, $"{at}.resources.limits.{resource}")
        ?? 0m;

    private static decimal? Quantity(JsonElement? parent, string property, string path)
    {
        if (parent is not { } amounts || !amounts.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.String => value.GetString(),
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
        return Quantities.TryParse(text, out var amount)
            ? amount
            : throw JsonFields.Bad(path, $"'{(text ?? value.GetRawText())}' is not a valid non-negative quantity (e.g. \"500m\", \"1\", \"256Mi\", \"1Gi\")");
    }
}
