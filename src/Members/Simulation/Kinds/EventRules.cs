using System.Text.Json.Nodes;

namespace Federation.Members.Simulation;

/// <summary>Core v1 Events: the columns of <c>kubectl get events</c>.</summary>
internal sealed class EventRules : KindRules
{
    public override object?[] Cells(JsonObject obj, StoredObject stored, DateTimeOffset now)
    {
        var involved = obj["involvedObject"];
        var last = obj["lastTimestamp"]?.GetValue<string>() is { } at ? DateTimeOffset.Parse(at, System.Globalization.CultureInfo.InvariantCulture) : stored.CreationTimestamp;
        return
        [
            HumanDuration.Since(last, now),
            obj["type"]?.ToString(),
            obj["reason"]?.ToString(),
            $"{involved?["kind"]?.ToString().ToLowerInvariant()}/{involved?["name"]}",
            obj["message"]?.ToString(),
            obj["source"]?["component"]?.ToString(),
            int.TryParse(obj["count"]?.ToString(), out var count) ? count : 1,
            stored.Name,
        ];
    }
}
