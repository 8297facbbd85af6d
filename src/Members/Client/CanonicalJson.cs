using System.Security.Cryptography;
using System.Text.Json;

namespace Federation.Members.Client;

/// <summary>Hashes JSON independently of property order and whitespace.</summary>
internal static class CanonicalJson
{
    /// <summary>SHA-256 (hex, first 16 characters) of the element written with sorted properties.</summary>
    public static string Hash(JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Write(writer, element);
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.ToArray()))[..16];
    }

    private static void Write(Utf8JsonWriter writer, JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                writer.WriteStartObject();
                foreach (var property in element.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    writer.WritePropertyName(property.Name);
                    Write(writer, property.Value);
                }

                writer.WriteEndObject();
                break;
            case JsonValueKind.Array:
                writer.WriteStartArray();
                foreach (var item in element.EnumerateArray())
                {
                    Write(writer, item);
                }

                writer.WriteEndArray();
                break;
            default:
                element.WriteTo(writer);
                break;
        }
    }
}
