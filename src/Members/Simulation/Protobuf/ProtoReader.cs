using System.Globalization;
using System.Text.Json.Nodes;
using Google.Protobuf;

namespace Federation.Members.Simulation;

/// <summary>
/// Decodes a Kubernetes protobuf message into the JSON the API would have received, driven by
/// <see cref="ProtoSchema"/>; unknown fields are skipped.
/// </summary>
internal static class ProtoReader
{
    // Go's zero time.Time, which the encoder writes for an unset non-pointer Time.
    private const long GoZeroTime = -62135596800;

    public static JsonObject Read(string message, byte[] data)
    {
        var target = new JsonObject();
        ReadInto(target, message, data);
        return target;
    }

    private static void ReadInto(JsonObject target, string message, byte[] data)
    {
        var input = new CodedInputStream(data);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (ProtoSchema.Field(message, WireFormat.GetTagFieldNumber(tag)) is not { } field)
            {
                input.SkipLastField();
                continue;
            }

            var wire = WireFormat.GetTagWireType(tag);
            if (field.Type == ProtoType.Inline)
            {
                ReadInto(target, field.Message!, Bytes(input, wire));
            }
            else if (field.Type is ProtoType.StringMap or ProtoType.BytesMap or ProtoType.QuantityMap)
            {
                var map = target[field.Name] as JsonObject ?? new JsonObject();
                var (key, value) = MapEntry(field.Type, Bytes(input, wire));
                map[key] = value;
                target[field.Name] = map;
            }
            else if (field.Repeated)
            {
                var list = target[field.Name] as JsonArray ?? new JsonArray();
                if (wire == WireFormat.WireType.LengthDelimited && field.Type is ProtoType.Int or ProtoType.Bool)
                {
                    // A packed list of numbers.
                    var packed = new CodedInputStream(Bytes(input, wire));
                    while (!packed.IsAtEnd)
                    {
                        list.Add(Scalar(packed, field.Type, WireFormat.WireType.Varint));
                    }
                }
                else
                {
                    list.Add(Value(input, field, wire));
                }

                target[field.Name] = list;
            }
            else if (Value(input, field, wire) is { } value && (field.KeepZero || !IsZero(value)))
            {
                target[field.Name] = value;
            }
        }
    }

    private static JsonNode? Value(CodedInputStream input, ProtoField field, WireFormat.WireType wire) => field.Type switch
    {
        ProtoType.Message => Read(field.Message!, Bytes(input, wire)),
        ProtoType.Time => Time(Bytes(input, wire)),
        ProtoType.Quantity => Quantity(Bytes(input, wire)),
        ProtoType.IntOrString => IntOrString(Bytes(input, wire)),
        ProtoType.Json => JsonNode.Parse(FirstBytes(Bytes(input, wire))),
        _ => Scalar(input, field.Type, wire),
    };

    private static JsonNode Scalar(CodedInputStream input, ProtoType type, WireFormat.WireType wire)
    {
        var expected = type is ProtoType.Int or ProtoType.Bool ? WireFormat.WireType.Varint : WireFormat.WireType.LengthDelimited;
        if (wire != expected)
        {
            throw new InvalidDataException($"wire type {wire} where {expected} was expected");
        }

        return type switch
        {
            ProtoType.Int => JsonValue.Create(input.ReadInt64()),
            ProtoType.Bool => JsonValue.Create(input.ReadBool()),
            ProtoType.Bytes => JsonValue.Create(Convert.ToBase64String(input.ReadBytes().Span)),
            _ => JsonValue.Create(input.ReadString()),
        };
    }

    private static byte[] Bytes(CodedInputStream input, WireFormat.WireType wire) =>
        wire == WireFormat.WireType.LengthDelimited
            ? input.ReadBytes().ToByteArray()
            : throw new InvalidDataException($"wire type {wire} where a message was expected");

    private static (string Key, JsonNode? Value) MapEntry(ProtoType type, byte[] entry)
    {
        var input = new CodedInputStream(entry);
        string key = "";
        JsonNode? value = type == ProtoType.QuantityMap ? null : "";
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            var wire = WireFormat.GetTagWireType(tag);
            switch (WireFormat.GetTagFieldNumber(tag))
            {
                case 1:
                    key = Scalar(input, ProtoType.String, wire).GetValue<string>();
                    break;
                case 2:
                    value = type switch
                    {
                        ProtoType.BytesMap => Scalar(input, ProtoType.Bytes, wire),
                        ProtoType.QuantityMap => Quantity(Bytes(input, wire)),
                        _ => Scalar(input, ProtoType.String, wire),
                    };
                    break;
                default:
                    input.SkipLastField();
                    break;
            }
        }

        return (key, value);
    }

    private static JsonNode? Time(byte[] data)
    {
        var seconds = VarintField(data, 1);
        return seconds is null or GoZeroTime
            ? null
            : DateTimeOffset.FromUnixTimeSeconds(seconds.Value).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    private static JsonNode? Quantity(byte[] data) => StringField(data, 1) is { } q ? JsonValue.Create(q) : null;

    private static JsonNode? IntOrString(byte[] data)
    {
        var isString = VarintField(data, 1) == 1;
        return isString ? JsonValue.Create(StringField(data, 3) ?? "") : JsonValue.Create(VarintField(data, 2) ?? 0);
    }

    private static byte[] FirstBytes(byte[] data)
    {
        var input = new CodedInputStream(data);
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == 1)
            {
                return Bytes(input, WireFormat.GetTagWireType(tag));
            }

            input.SkipLastField();
        }

        return "null"u8.ToArray();
    }

    /// <summary>The varint field <paramref name="number"/> of a small fixed message (Time, IntOrString).</summary>
    private static long? VarintField(byte[] data, int number)
    {
        var input = new CodedInputStream(data);
        long? result = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == number && WireFormat.GetTagWireType(tag) == WireFormat.WireType.Varint)
            {
                result = input.ReadInt64();
            }
            else
            {
                input.SkipLastField();
            }
        }

        return result;
    }

    /// <summary>The string field <paramref name="number"/> of a small fixed message (Quantity, IntOrString).</summary>
    private static string? StringField(byte[] data, int number)
    {
        var input = new CodedInputStream(data);
        string? result = null;
        uint tag;
        while ((tag = input.ReadTag()) != 0)
        {
            if (WireFormat.GetTagFieldNumber(tag) == number && WireFormat.GetTagWireType(tag) == WireFormat.WireType.LengthDelimited)
            {
                result = input.ReadString();
            }
            else
            {
                input.SkipLastField();
            }
        }

        return result;
    }

    private static bool IsZero(JsonNode value) => value.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.String => value.GetValue<string>().Length == 0,
        System.Text.Json.JsonValueKind.Number => value.GetValue<long>() == 0,
        System.Text.Json.JsonValueKind.False => true,
        _ => false,
    };
}
