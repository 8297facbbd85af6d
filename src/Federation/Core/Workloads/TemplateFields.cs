using System.Text.Json.Nodes;

namespace Federation.Workloads;

/// <summary>Reads optional fields of a JSON object, failing with an <see cref="InvalidTemplateException"/> that names the field's path.</summary>
public static class TemplateFields
{
    public static string? OptionalString(JsonObject parent, string property, string path) => parent[property] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        var other => throw Bad(path, $"must be a string, not {other.GetValueKind()}"),
    };

    public static JsonObject? OptionalObject(JsonObject parent, string property, string path) => parent[property] switch
    {
        null => null,
        JsonObject o => o,
        var other => throw Bad(path, $"must be an object, not {other.GetValueKind()}"),
    };

    public static JsonArray? OptionalArray(JsonObject parent, string property, string path) => parent[property] switch
    {
        null => null,
        JsonArray a => a,
        var other => throw Bad(path, $"must be an array, not {other.GetValueKind()}"),
    };

    public static InvalidTemplateException Bad(string field, string problem) => new(field, problem);
}
