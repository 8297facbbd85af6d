using System.Text.Json;
using System.Text.Json.Serialization;

namespace Federation.Cli;

/// <summary>
/// Reads a number or boolean where text is expected: in YAML <c>tier: 1</c> is a
/// number, yet a label value is text. The server validates the text's meaning.
/// </summary>
internal sealed class ScalarStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
            JsonTokenType.True => "true",
            JsonTokenType.False => "false",
            JsonTokenType.Null => null,
            _ => throw new JsonException("expected text"),
        };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}
