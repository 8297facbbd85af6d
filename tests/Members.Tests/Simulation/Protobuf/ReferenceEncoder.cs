using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Federation.Members.Simulation;
using Google.Protobuf;

namespace Federation.Members.Tests.Simulation.Protobuf;

/// <summary>
/// Encodes a JSON object as Kubernetes' Go encoder would: the <c>k8s\0</c> envelope, every
/// non-pointer scalar written even when zero, times as {seconds, nanos}, maps as key/value entries,
/// plus one unknown field per message that a reader must skip. Field numbers come from the
/// simulator's schema; the real kubectl checks those.
/// </summary>
internal static class ReferenceEncoder
{
    public static byte[] Envelope(JsonObject obj, bool packed = false)
    {
        var kind = obj["kind"]!.GetValue<string>();
        var typeMeta = Message(w =>
        {
            w.WriteTag(1, WireFormat.WireType.LengthDelimited);
            w.WriteString(obj["apiVersion"]!.GetValue<string>());
            w.WriteTag(2, WireFormat.WireType.LengthDelimited);
            w.WriteString(kind);
        });
        var raw = Encode(kind, obj, packed);
        var unknown = Message(w =>
        {
            w.WriteTag(1, WireFormat.WireType.LengthDelimited);
            w.WriteBytes(ByteString.CopyFrom(typeMeta));
            w.WriteTag(2, WireFormat.WireType.LengthDelimited);
            w.WriteBytes(ByteString.CopyFrom(raw));
            w.WriteTag(4, WireFormat.WireType.LengthDelimited);
            w.WriteString("");
        });
        return [.. "k8s\0"u8, .. unknown];
    }

    public static byte[] Encode(string message, JsonObject obj, bool packed) => Message(w => Write(w, message, obj, packed));

    private static void Write(CodedOutputStream w, string message, JsonObject obj, bool packed)
    {
        foreach (var field in ProtoSchema.Fields(message).OrderBy(f => f.Number))
        {
            if (field.Type == ProtoType.Inline)
            {
                w.WriteTag(field.Number, WireFormat.WireType.LengthDelimited);
                w.WriteBytes(ByteString.CopyFrom(Encode(field.Message!, obj, packed)));
                continue;
            }

            var value = obj.TryGetPropertyValue(field.Name, out var v) ? v : null;
            if (value is null)
            {
                if (!field.KeepZero && !field.Repeated && Zero(field.Type) is { } zero)
                {
                    Write(w, field, zero, packed);
                }

                continue;
            }

            Write(w, field, value, packed);
        }

        // A field from a newer Kubernetes version.
        w.WriteTag(999, WireFormat.WireType.LengthDelimited);
        w.WriteString("from the future");
    }

    private static void Write(CodedOutputStream w, ProtoField field, JsonNode value, bool packed)
    {
        if (field.Type is ProtoType.StringMap or ProtoType.BytesMap or ProtoType.QuantityMap)
        {
            foreach (var (key, item) in value.AsObject())
            {
                w.WriteTag(field.Number, WireFormat.WireType.LengthDelimited);
                w.WriteBytes(ByteString.CopyFrom(Message(e =>
                {
                    e.WriteTag(1, WireFormat.WireType.LengthDelimited);
                    e.WriteString(key);
                    e.WriteTag(2, WireFormat.WireType.LengthDelimited);
                    if (field.Type == ProtoType.StringMap)
                    {
                        e.WriteString(item!.GetValue<string>());
                    }
                    else
                    {
                        e.WriteBytes(ByteString.CopyFrom(field.Type == ProtoType.BytesMap
                            ? Convert.FromBase64String(item!.GetValue<string>())
                            : StringMessage(1, item!.GetValue<string>())));
                    }
                })));
            }

            return;
        }

        if (field.Repeated && packed && field.Type == ProtoType.Int)
        {
            w.WriteTag(field.Number, WireFormat.WireType.LengthDelimited);
            w.WriteBytes(ByteString.CopyFrom(Message(p =>
            {
                foreach (var item in value.AsArray())
                {
                    p.WriteInt64(item!.GetValue<long>());
                }
            })));
            return;
        }

        foreach (var item in field.Repeated ? value.AsArray().ToArray() : [value])
        {
            WriteOne(w, field, item!, packed);
        }
    }

    private static void WriteOne(CodedOutputStream w, ProtoField field, JsonNode value, bool packed)
    {
        var varint = field.Type is ProtoType.Int or ProtoType.Bool;
        w.WriteTag(field.Number, varint ? WireFormat.WireType.Varint : WireFormat.WireType.LengthDelimited);
        switch (field.Type)
        {
            case ProtoType.Int:
                w.WriteInt64(value.GetValue<long>());
                break;
            case ProtoType.Bool:
                w.WriteBool(value.GetValue<bool>());
                break;
            case ProtoType.String:
                w.WriteString(value.GetValue<string>());
                break;
            case ProtoType.Bytes:
                w.WriteBytes(ByteString.FromBase64(value.GetValue<string>()));
                break;
            case ProtoType.Time:
                var seconds = value is JsonValue ? DateTimeOffset.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture).ToUnixTimeSeconds() : -62135596800;
                w.WriteBytes(ByteString.CopyFrom(Message(t =>
                {
                    t.WriteTag(1, WireFormat.WireType.Varint);
                    t.WriteInt64(seconds);
                    t.WriteTag(2, WireFormat.WireType.Varint);
                    t.WriteInt32(0);
                })));
                break;
            case ProtoType.Quantity:
                w.WriteBytes(ByteString.CopyFrom(StringMessage(1, value.GetValue<string>())));
                break;
            case ProtoType.IntOrString:
                var isString = value.GetValueKind() == JsonValueKind.String;
                w.WriteBytes(ByteString.CopyFrom(Message(i =>
                {
                    i.WriteTag(1, WireFormat.WireType.Varint);
                    i.WriteInt64(isString ? 1 : 0);
                    i.WriteTag(2, WireFormat.WireType.Varint);
                    i.WriteInt32(isString ? 0 : value.GetValue<int>());
                    i.WriteTag(3, WireFormat.WireType.LengthDelimited);
                    i.WriteString(isString ? value.GetValue<string>() : "");
                })));
                break;
            case ProtoType.Json:
                w.WriteBytes(ByteString.CopyFrom(Message(j =>
                {
                    j.WriteTag(1, WireFormat.WireType.LengthDelimited);
                    j.WriteBytes(ByteString.CopyFromUtf8(value.ToJsonString()));
                })));
                break;
            default:
                w.WriteBytes(ByteString.CopyFrom(Encode(field.Message!, value.AsObject(), packed)));
                break;
        }
    }

    /// <summary>What Go writes for an unset non-pointer field.</summary>
    private static JsonNode? Zero(ProtoType type) => type switch
    {
        ProtoType.String => "",
        ProtoType.Int => 0L,
        ProtoType.Bool => false,
        ProtoType.Time => new JsonObject(),
        _ => null,
    };

    private static byte[] StringMessage(int number, string value) => Message(m =>
    {
        m.WriteTag(number, WireFormat.WireType.LengthDelimited);
        m.WriteString(value);
    });

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var output = new CodedOutputStream(buffer);
        write(output);
        output.Flush();
        return buffer.ToArray();
    }
}
