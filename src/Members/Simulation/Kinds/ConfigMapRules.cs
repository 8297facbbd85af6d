using System.Text.Json.Nodes;

namespace Federation.Members.Simulation;

internal sealed class ConfigMapRules : KindRules
{
    public override IEnumerable<(string Field, string Message)> Validate(JsonObject obj, JsonObject? old) =>
        old?["immutable"]?.GetValue<bool>() == true && (obj["data"]?.ToJsonString() != old["data"]?.ToJsonString() || obj["binaryData"]?.ToJsonString() != old["binaryData"]?.ToJsonString())
            ? [("data", "Forbidden: field is immutable when `immutable` is set")]
            : [];

    public override object?[] Cells(JsonObject obj, StoredObject stored, DateTimeOffset now) =>
        [stored.Name, Count(obj["data"]) + Count(obj["binaryData"]), Age(stored, now)];
}
