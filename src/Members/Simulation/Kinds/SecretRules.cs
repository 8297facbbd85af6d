using System.Text;
using System.Text.Json.Nodes;

namespace Federation.Members.Simulation;

/// <summary>Secrets: <c>stringData</c> is folded into base64 <c>data</c> on write, as the API server does; the type defaults to Opaque.</summary>
internal sealed class SecretRules : KindRules
{
    public override void Default(JsonObject obj, JsonObject? old, ObjectStore store)
    {
        obj["type"] ??= "Opaque";
        if (obj["stringData"] is JsonObject plain)
        {
            var data = obj["data"] as JsonObject ?? new JsonObject();
            foreach (var (key, value) in plain)
            {
                data[key] = Convert.ToBase64String(Encoding.UTF8.GetBytes(value?.GetValue<string>() ?? ""));
            }

            obj["data"] = data;
            obj.Remove("stringData");
        }
    }

    public override IEnumerable<(string Field, string Message)> Validate(JsonObject obj, JsonObject? old)
    {
        foreach (var (key, value) in obj["data"] as JsonObject ?? [])
        {
            if (value is not JsonValue v || !v.TryGetValue<string>(out var text) || !IsBase64(text))
            {
                yield return ($"data[{key}]", "Invalid value: \"<secret contents redacted>\": must be base64 encoded");
            }
        }

        if (old is not null && old["type"]?.ToString() != obj["type"]?.ToString())
        {
            yield return ("type", "Invalid value: field is immutable");
        }
    }

    public override object?[] Cells(JsonObject obj, StoredObject stored, DateTimeOffset now) =>
        [stored.Name, obj["type"]?.ToString() ?? "Opaque", Count(obj["data"]), Age(stored, now)];

    private static bool IsBase64(string text) => Convert.TryFromBase64String(text, new byte[text.Length], out _);
}
