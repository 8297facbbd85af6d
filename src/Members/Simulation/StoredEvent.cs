using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Federation.Members.Simulation;

/// <summary>
/// An Event a controller recorded. Kept as its fields and rendered to JSON only when read, like
/// pods: the scheduler records one per pod, and at 100,000 pods building JSON for each would cost
/// more than the pods themselves.
/// </summary>
internal sealed record StoredEvent : StoredObject
{
    public required ResourceKind InvolvedKind { get; init; }

    public required string InvolvedName { get; init; }

    public required string InvolvedUid { get; init; }

    public required long InvolvedVersion { get; init; }

    public required string Type { get; init; }

    public required string Reason { get; init; }

    public required string Message { get; init; }

    public required string Component { get; init; }

    public override ResourceKind Kind => ResourceKind.Event;

    public override IDictionary<string, string>? Labels => null;

    public override object ToModel() => JsonSerializer.Deserialize(Json, ResourceKind.Event.Info().Model, KubeJson.Options)!;

    public override string? Field(string path) => path switch
    {
        "involvedObject.kind" => InvolvedKind.Info().Kind,
        "involvedObject.namespace" => Namespace,
        "involvedObject.name" => InvolvedName,
        "involvedObject.uid" => InvolvedUid,
        "involvedObject.apiVersion" => InvolvedKind.Info().ApiVersion,
        "involvedObject.resourceVersion" => InvolvedVersion.ToString(CultureInfo.InvariantCulture),
        "involvedObject.fieldPath" => "",
        "reason" => Reason,
        "type" => Type,
        "source" or "reportingComponent" => Component,
        _ => base.Field(path),
    };

    public override object?[] TableCells(DateTimeOffset now) => KindRules.For(ResourceKind.Event).Cells(JsonNode.Parse(Json)!.AsObject(), this, now);

    protected override byte[] Render()
    {
        var time = CreationTimestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var info = InvolvedKind.Info();
        return JsonSerializer.SerializeToUtf8Bytes(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject
            {
                ["name"] = Name,
                ["namespace"] = Namespace,
                ["uid"] = Uid,
                ["resourceVersion"] = ResourceVersion.ToString(CultureInfo.InvariantCulture),
                ["creationTimestamp"] = time,
            },
            ["involvedObject"] = new JsonObject
            {
                ["kind"] = info.Kind,
                ["namespace"] = Namespace,
                ["name"] = InvolvedName,
                ["uid"] = InvolvedUid,
                ["apiVersion"] = info.ApiVersion,
                ["resourceVersion"] = InvolvedVersion.ToString(CultureInfo.InvariantCulture),
            },
            ["reason"] = Reason,
            ["message"] = Message,
            ["source"] = new JsonObject { ["component"] = Component },
            ["firstTimestamp"] = time,
            ["lastTimestamp"] = time,
            ["count"] = 1,
            ["type"] = Type,
            ["reportingComponent"] = Component,
            ["reportingInstance"] = "",
        });
    }
}
