using System.Text.Json;
using System.Text.Json.Nodes;
using Federation.Api;
using Federation.Members.Yaml;
using Federation.Workloads;
using Federation.Workloads.Companions;

namespace Federation.Cli;

/// <summary>
/// What <c>apps apply -f FILE</c> sends: the application's namespace and name and the
/// request body. The file is either YAML (or JSON) documents — a Kubernetes
/// Deployment plus an optional <c>federation.io/v1 Placement</c> — or a JSON
/// ApplicationRequest with <c>namespace</c> and <c>name</c> fields.
/// </summary>
internal sealed record ApplicationManifest(string Namespace, string Name, ApplicationRequest Request)
{
    internal const string DefaultNamespace = "default";

    /// <exception cref="CliInputException">The text is not a manifest; the message names the problem.</exception>
    public static ApplicationManifest Parse(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CliInputException("the file is empty: expected a Deployment and optionally a Placement");
        }

        if (text.TrimStart().StartsWith('{'))
        {
            var node = ApplicationRequestJson.Parse(text);
            return node is JsonObject obj && !obj.ContainsKey("kind")
                ? ApplicationRequestJson.Read(obj)
                : FromDocuments([node]);
        }

        try
        {
            return FromDocuments(YamlToJson.Documents(text));
        }
        catch (YamlInputException e)
        {
            throw new CliInputException(e.Message);
        }
    }

    private static ApplicationManifest FromDocuments(IReadOnlyList<JsonNode?> documents)
    {
        JsonObject? deployment = null;
        JsonObject? placement = null;
        var companions = new List<JsonElement>();
        for (var i = 0; i < documents.Count; i++)
        {
            var where = $"document {i + 1}";
            if (documents[i] is not JsonObject document)
            {
                throw new CliInputException($"{where} is not a mapping with apiVersion and kind");
            }

            var kind = document["kind"] is JsonValue k && k.TryGetValue<string>(out var s) ? s : null;
            switch (kind)
            {
                case WorkloadTemplate.Deployment or WorkloadTemplate.StatefulSet:
                    deployment = deployment is null ? document : throw new CliInputException($"{where}: only one Deployment or StatefulSet per file");
                    break;
                case "Placement":
                    placement = placement is null ? document : throw new CliInputException($"{where}: only one Placement per file");
                    break;
                case var c when c is not null && Companion.Kinds.Contains(c):
                    companions.Add(JsonSerializer.SerializeToElement(document));
                    break;
                case null:
                    throw new CliInputException($"{where} has no kind (expected Deployment, StatefulSet, Placement or a companion: {string.Join(", ", Companion.Kinds)})");
                default:
                    throw new CliInputException($"{where}: kind '{kind}' is not supported (expected Deployment, StatefulSet, Placement or a companion: {string.Join(", ", Companion.Kinds)})");
            }
        }

        if (deployment is null)
        {
            throw new CliInputException("no Deployment in the file (expected a document with kind: Deployment or StatefulSet)");
        }

        // The one template model the server and the members read: the same rules, refused here first.
        WorkloadTemplate template;
        try
        {
            template = WorkloadTemplate.Parse(deployment);
        }
        catch (InvalidTemplateException e)
        {
            throw new CliInputException($"Deployment {e.Message}");
        }

        if (string.IsNullOrWhiteSpace(template.Name))
        {
            throw new CliInputException("Deployment metadata.name is missing");
        }

        var (ns, name) = (string.IsNullOrWhiteSpace(template.Namespace) ? DefaultNamespace : template.Namespace, template.Name);
        var deploymentReplicas = template.Replicas;
        var spec = placement is null ? null : ReadPlacement(placement);
        var request = new ApplicationRequest(
            spec?.Replicas ?? deploymentReplicas,
            JsonSerializer.SerializeToElement(deployment),
            spec is null ? null : spec.ToPlacement() with { Strategy = PlacementSpec.NormalizeStrategy(spec.Strategy, "Placement spec.strategy") },
            spec?.MaxUnavailable,
            spec?.FailoverAfter,
            spec?.Migration,
            spec?.Rollout,
            spec?.Overrides,
            companions.Count > 0 ? companions : null,
            spec?.ProvidedByMember,
            Failover: spec?.Failover);
        return new ApplicationManifest(ns, name, request);
    }

    private static PlacementSpec ReadPlacement(JsonObject placement)
    {
        if (placement["spec"] is not JsonObject spec)
        {
            throw new CliInputException("Placement spec is missing");
        }

        try
        {
            return spec.Deserialize<PlacementSpec>(PlacementSpec.Strict)!;
        }
        catch (JsonException ex)
        {
            throw PlacementSpec.Describe(ex, "Placement spec");
        }
    }

    internal static string? Text(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node?.ToJsonString();
}
