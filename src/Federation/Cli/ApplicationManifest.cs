using System.Text.Json;
using System.Text.Json.Nodes;
using Federation.Api;

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

        return FromDocuments(YamlToJson.Documents(text));
    }

    private static ApplicationManifest FromDocuments(IReadOnlyList<JsonNode?> documents)
    {
        JsonObject? deployment = null;
        JsonObject? placement = null;
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
                case "Deployment":
                    deployment = deployment is null ? document : throw new CliInputException($"{where}: only one Deployment per file");
                    break;
                case "Placement":
                    placement = placement is null ? document : throw new CliInputException($"{where}: only one Placement per file");
                    break;
                case null:
                    throw new CliInputException($"{where} has no kind (expected Deployment or Placement)");
                default:
                    throw new CliInputException($"{where}: kind '{kind}' is not supported (expected Deployment or Placement)");
            }
        }

        if (deployment is null)
        {
            throw new CliInputException("no Deployment in the file (expected a document with kind: Deployment)");
        }

        var (ns, name) = Identity(deployment);
        var deploymentReplicas = DeploymentReplicas(deployment);
        var spec = placement is null ? null : ReadPlacement(placement);
        var request = new ApplicationRequest(
            spec?.Replicas ?? deploymentReplicas,
            JsonSerializer.SerializeToElement(deployment),
            spec is null ? null : spec.ToPlacement() with { Strategy = PlacementSpec.NormalizeStrategy(spec.Strategy, "Placement spec.strategy") },
            spec?.MaxUnavailable,
            spec?.FailoverAfter,
            spec?.Migration);
        return new ApplicationManifest(ns, name, request);
    }

    private static (string Namespace, string Name) Identity(JsonObject deployment)
    {
        var metadata = deployment["metadata"] as JsonObject
            ?? throw new CliInputException("Deployment has no metadata (metadata.name is required)");
        var name = Text(metadata["name"]);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new CliInputException("Deployment metadata.name is missing");
        }

        var ns = Text(metadata["namespace"]);
        return (string.IsNullOrWhiteSpace(ns) ? DefaultNamespace : ns, name);
    }

    private static int? DeploymentReplicas(JsonObject deployment)
    {
        var spec = deployment["spec"] as JsonObject
            ?? throw new CliInputException("Deployment spec is missing");
        if (spec["template"] is not JsonObject)
        {
            throw new CliInputException("Deployment spec.template is missing");
        }

        return spec["replicas"] switch
        {
            null => null,
            JsonValue v when v.TryGetValue<long>(out var n) && n is >= 0 and <= int.MaxValue => (int)n,
            JsonValue v when v.TryGetValue<double>(out var d) && d >= 0 && d <= int.MaxValue && d == Math.Floor(d) => (int)d,
            var other => throw new CliInputException($"Deployment spec.replicas: '{other.ToJsonString()}' is not a whole number"),
        };
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
