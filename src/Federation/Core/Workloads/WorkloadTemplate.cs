using System.Text.Json;
using System.Text.Json.Nodes;
using Federation.Scheduling;

namespace Federation.Workloads;

/// <summary>
/// An application's workload template, parsed once: the one model the API, the CLI and the member
/// client read. It knows the workload's kind, identity, replicas, what one pod requests and a hash of
/// its pod template; <see cref="ForMember"/> builds what a member is given. Immutable: every accessor
/// hands out a copy of the manifest.
/// </summary>
public sealed class WorkloadTemplate
{
    public const string Deployment = "Deployment";

    /// <summary>Each member runs a disjoint range of its ordinals (<c>spec.ordinals.start</c>): see <see cref="Stateful.StatefulOrdinals"/>.</summary>
    public const string StatefulSet = "StatefulSet";

    /// <summary>
    /// Why an application that runs a <paramref name="running"/> cannot take a template of kind
    /// <paramref name="wanted"/> (null when it can). An application keeps its workload's kind: a Deployment
    /// and a StatefulSet of one name are different objects on the members, and the old one would be left
    /// running there.
    /// </summary>
    public static string? KindChange(string running, string wanted) =>
        running == wanted ? null : $"is '{wanted}' but the application runs a {running}; delete the application first to change its kind";

    /// <summary>The kinds an application's workload may be.</summary>
    public static readonly IReadOnlyList<string> Kinds = [Deployment, StatefulSet];

    private readonly JsonObject _manifest;

    private WorkloadTemplate(JsonObject manifest, string kind, string? name, string? ns, int? replicas, ResourceRequest podRequest, string hash)
    {
        _manifest = manifest;
        Kind = kind;
        Name = name;
        Namespace = ns;
        Replicas = replicas;
        PodRequest = podRequest;
        Hash = hash;
    }

    public string Kind { get; }

    public bool IsStateful => Kind == StatefulSet;

    /// <summary>The template's <c>metadata.name</c>, if it has one.</summary>
    public string? Name { get; }

    /// <summary>The template's <c>metadata.namespace</c>, if it has one.</summary>
    public string? Namespace { get; }

    /// <summary>The template's own <c>spec.replicas</c>, if it has one.</summary>
    public int? Replicas { get; }

    /// <summary>What one pod requests (CPU rounded up to a milli-core, memory to a byte).</summary>
    public ResourceRequest PodRequest { get; }

    /// <summary>
    /// A hash of <c>spec.template</c> that ignores property order and formatting, so a changed pod
    /// template (e.g. a new image) changes it and a re-serialised identical one does not.
    /// </summary>
    public string Hash { get; }

    /// <summary>The template as JSON.</summary>
    public string Json => _manifest.ToJsonString();

    /// <summary>A copy of the manifest to read or change.</summary>
    public JsonObject Manifest() => _manifest.DeepClone().AsObject();

    /// <summary>Parses a template given as JSON text; malformed input throws <see cref="InvalidTemplateException"/> naming the field.</summary>
    public static WorkloadTemplate Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw TemplateFields.Bad("template", $"is not valid JSON ({e.Message})");
        }

        return Parse(node);
    }

    /// <summary>Parses a template given as a JSON node (the node is copied, never kept).</summary>
    public static WorkloadTemplate Parse(JsonNode? node)
    {
        if (node is not JsonObject source)
        {
            throw TemplateFields.Bad("template", $"must be a JSON object, not {(node is null ? "null" : node.GetValueKind().ToString())}");
        }

        var root = source.DeepClone().AsObject();

        // One rule for every reader: the kind is required and names a supported workload.
        var kind = TemplateFields.OptionalString(root, "kind", "kind");
        if (kind is null || !Kinds.Contains(kind))
        {
            throw TemplateFields.Bad("kind", (kind is null ? "is missing" : $"is '{kind}'") + $"; expected {string.Join(" or ", Kinds.Select(k => $"'{k}'"))}");
        }

        var apiVersion = TemplateFields.OptionalString(root, "apiVersion", "apiVersion");
        if (apiVersion is not null && apiVersion != "apps/v1")
        {
            throw TemplateFields.Bad("apiVersion", $"is '{apiVersion}'; expected 'apps/v1'");
        }

        var metadata = TemplateFields.OptionalObject(root, "metadata", "metadata");
        var name = metadata is null ? null : TemplateFields.OptionalString(metadata, "name", "metadata.name");
        var ns = metadata is null ? null : TemplateFields.OptionalString(metadata, "namespace", "metadata.namespace");

        var spec = TemplateFields.OptionalObject(root, "spec", "spec") ?? throw TemplateFields.Bad("spec", "is missing");
        var template = TemplateFields.OptionalObject(spec, "template", "spec.template") ?? throw TemplateFields.Bad("spec.template", "is missing");
        var podSpec = TemplateFields.OptionalObject(template, "spec", "spec.template.spec") ?? throw TemplateFields.Bad("spec.template.spec", "is missing");

        return new WorkloadTemplate(root, kind, name, ns, ReplicasOf(spec), PodRequests.Of(podSpec, "spec.template.spec"), CanonicalJson.Hash(template));
    }

    /// <summary>
    /// What a member is given: the template with its identity and replicas set, the given labels and
    /// annotations added to the workload's own metadata (never to the selector or the pod template, so
    /// that applying to a workload created elsewhere cannot try to change its immutable selector), and
    /// no server-owned fields. A StatefulSet runs the member's ordinals from <paramref name="ordinalsStart"/>.
    /// </summary>
    public JsonObject ForMember(string ns, string name, int replicas, IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> annotations, int ordinalsStart = 0)
    {
        var manifest = Manifest();
        var source = manifest["metadata"] as JsonObject;
        manifest["apiVersion"] = "apps/v1";
        manifest["kind"] = Kind;
        manifest["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["labels"] = Merge(source?["labels"] as JsonObject, labels),
            ["annotations"] = Merge(source?["annotations"] as JsonObject, annotations),
        };
        manifest["spec"]!["replicas"] = replicas;
        if (IsStateful)
        {
            manifest["spec"]!["ordinals"] = new JsonObject { ["start"] = ordinalsStart };
        }

        manifest.Remove("status");
        return manifest;
    }

    private static JsonObject Merge(JsonObject? existing, IReadOnlyDictionary<string, string> added)
    {
        var merged = existing?.DeepClone().AsObject() ?? [];
        foreach (var (key, value) in added)
        {
            merged[key] = value;
        }

        return merged;
    }

    private static int? ReplicasOf(JsonObject spec) => spec["replicas"] switch
    {
        null => null,
        // The number's text, however the node holds it (parsed, or set from an int by an override).
        JsonValue v when v.GetValueKind() == JsonValueKind.Number
            && double.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var d)
            && d is >= 0 and <= int.MaxValue && d == Math.Floor(d) => (int)d,
        var other => throw TemplateFields.Bad("spec.replicas", $"'{other.ToJsonString()}' is not a whole number of replicas"),
    };
}
