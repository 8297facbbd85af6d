using System.Text.Json;

namespace Federation.Members.Client;

/// <summary>Reads optional JSON fields, failing with an <see cref="ArgumentException"/> that names the field's path.</summary>
internal static class JsonFields
{
    public static string? OptionalString(JsonElement parent, string property, string path)
    {
        if (!parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString() : throw Bad(path, $"must be a string, not {value.ValueKind}");
    }

    public static JsonElement? OptionalObject(JsonElement parent, string property, string path)
    {
        if (!parent.TryGetProperty(property, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw Bad(path, $"must be an object, not {value.ValueKind}");
    }

    public static ArgumentException Bad(string field, string problem, string parameter = "deploymentJson") =>
        new InvalidTemplateException(field, problem, parameter);
}
