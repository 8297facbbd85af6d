using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Federation.Members.Simulation;

/// <summary>
/// One version of an object of a kind without its own controller model (ConfigMap, Secret,
/// Service, ...): its JSON as stored, and the labels selectors read. <see cref="KindRules"/>
/// supply what differs by kind.
/// </summary>
internal sealed record StoredResource : StoredObject
{
    public required ResourceKind ResourceKind { get; init; }

    /// <summary>The object's JSON, metadata.resourceVersion included.</summary>
    public required byte[] Body { get; init; }

    public IDictionary<string, string>? ResourceLabels { get; init; }

    public override ResourceKind Kind => ResourceKind;

    public override IDictionary<string, string>? Labels => ResourceLabels;

    public JsonObject Node() => JsonNode.Parse(Body)!.AsObject();

    public override object ToModel() => JsonSerializer.Deserialize(Body, ResourceKind.Info().Model, KubeJson.Options)!;

    /// <summary>Any dotted path of the object (involvedObject.name, type, ...); the kind's table decides which are selectable.</summary>
    public override string? Field(string path)
    {
        JsonNode? node = Node();
        foreach (var part in path.Split('.'))
        {
            node = (node as JsonObject)?[part];
        }

        return node is JsonValue v ? v.ToString() : node is null ? "" : null;
    }

    public override object?[] TableCells(DateTimeOffset now) => KindRules.For(ResourceKind).Cells(Node(), this, now);

    public override StoredObject WithResourceVersion(long resourceVersion) => From(ResourceKind, Node(), resourceVersion);

    protected override byte[] Render() => Body;

    /// <summary>A stored version of <paramref name="obj"/> (whose metadata is complete) at <paramref name="resourceVersion"/>.</summary>
    public static StoredResource From(ResourceKind kind, JsonObject obj, long resourceVersion)
    {
        var meta = obj["metadata"]!.AsObject();
        meta["resourceVersion"] = resourceVersion.ToString(CultureInfo.InvariantCulture);
        return new StoredResource
        {
            ResourceKind = kind,
            Namespace = meta["namespace"]?.GetValue<string>() ?? "",
            Name = meta["name"]!.GetValue<string>(),
            Uid = meta["uid"]!.GetValue<string>(),
            ResourceVersion = resourceVersion,
            CreationTimestamp = DateTimeOffset.Parse(meta["creationTimestamp"]!.GetValue<string>(), CultureInfo.InvariantCulture),
            ResourceLabels = meta["labels"] is JsonObject labels ? labels.ToDictionary(p => p.Key, p => p.Value?.ToString() ?? "", StringComparer.Ordinal) : null,
            Body = JsonSerializer.SerializeToUtf8Bytes(obj),
        };
    }
}
