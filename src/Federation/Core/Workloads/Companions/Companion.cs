using System.Text.Json.Nodes;

namespace Federation.Workloads.Companions;

/// <summary>
/// A resource that goes with the workload to every member holding its replicas: Namespace, ConfigMap, Secret,
/// Service, ServiceAccount or PodDisruptionBudget. <see cref="Hash"/> identifies its content (a Secret's values
/// included, so that a changed value rolls out) without showing it; <see cref="Keys"/> are a Secret's or
/// ConfigMap's data keys, what views show instead of values.
/// </summary>
/// <param name="Manifest">The manifest as JSON; for a Secret, protected at rest by the host before it is stored.</param>
public sealed record Companion(string Kind, string Name, string Manifest, string Hash, IReadOnlyList<string> Keys)
{
    /// <summary>The kinds a bundle may hold beside its workload, in the order they are written to a member.</summary>
    public static readonly IReadOnlyList<string> Kinds = ["Namespace", "ServiceAccount", "ConfigMap", "Secret", "Service", "PodDisruptionBudget"];

    public static readonly IReadOnlyDictionary<string, string> ApiVersions = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["Namespace"] = "v1", ["ServiceAccount"] = "v1", ["ConfigMap"] = "v1", ["Secret"] = "v1", ["Service"] = "v1", ["PodDisruptionBudget"] = "policy/v1",
    };

    /// <summary>Where a kind comes in the write order (<see cref="Kinds"/>): a Namespace first, a PodDisruptionBudget last.</summary>
    public static int WriteOrder(string kind)
    {
        var at = Kinds.ToList().IndexOf(kind);
        return at < 0 ? Kinds.Count : at;
    }

    /// <summary>"Secret/db-password": how events, views and errors name it.</summary>
    public string Id => $"{Kind}/{Name}";

    public bool IsSecret => Kind == "Secret";

    /// <summary>The manifest as views may show it: a Secret's values replaced by its content hash, its keys kept.</summary>
    public static JsonObject Shown(Companion companion, string openManifest)
    {
        var manifest = JsonNode.Parse(openManifest)!.AsObject();
        foreach (var field in companion.IsSecret ? new[] { "data", "stringData" } : [])
        {
            if (manifest[field] is JsonObject values)
            {
                foreach (var key in values.Select(p => p.Key).ToList())
                {
                    values[key] = $"(redacted; content hash {companion.Hash})";
                }
            }
        }

        return manifest;
    }

    /// <summary>Reads one companion, in the application's namespace; throws <see cref="InvalidTemplateException"/> naming the field.</summary>
    public static Companion Parse(JsonNode? node, string ns)
    {
        if (node is not JsonObject source)
        {
            throw TemplateFields.Bad("", "must be a JSON object (a Kubernetes manifest)");
        }

        var manifest = source.DeepClone().AsObject();
        var kind = TemplateFields.OptionalString(manifest, "kind", "kind");
        if (kind is null || !Kinds.Contains(kind))
        {
            throw TemplateFields.Bad("kind", (kind is null ? "is missing" : $"is '{kind}'") + $"; a companion is one of {string.Join(", ", Kinds)}");
        }

        var apiVersion = TemplateFields.OptionalString(manifest, "apiVersion", "apiVersion");
        if (apiVersion is not null && apiVersion != ApiVersions[kind])
        {
            throw TemplateFields.Bad("apiVersion", $"is '{apiVersion}'; a {kind} is '{ApiVersions[kind]}'");
        }

        var metadata = TemplateFields.OptionalObject(manifest, "metadata", "metadata") ?? throw TemplateFields.Bad("metadata.name", "is missing");
        var name = TemplateFields.OptionalString(metadata, "name", "metadata.name");
        if (string.IsNullOrWhiteSpace(name))
        {
            throw TemplateFields.Bad("metadata.name", "is missing");
        }

        var itsNamespace = TemplateFields.OptionalString(metadata, "namespace", "metadata.namespace");
        if (kind == "Namespace" ? name != ns : itsNamespace is not null && itsNamespace != ns)
        {
            throw TemplateFields.Bad(kind == "Namespace" ? "metadata.name" : "metadata.namespace", $"is not the application's namespace '{ns}'");
        }

        manifest["apiVersion"] = ApiVersions[kind];
        if (kind != "Namespace")
        {
            metadata["namespace"] = ns;
        }

        manifest.Remove("status");
        var keys = new[] { "data", "stringData", "binaryData" }
            .SelectMany(f => manifest[f] is JsonObject d ? d.Select(p => p.Key) : [])
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new Companion(kind, name, manifest.ToJsonString(), CanonicalJson.Hash(manifest), keys);
    }
}
