using System.Text.Json.Nodes;
using Google.Protobuf;

namespace Federation.Members.Simulation;

/// <summary>
/// The <c>application/vnd.kubernetes.protobuf</c> request envelope: the magic <c>k8s\0</c>, then a
/// runtime.Unknown holding apiVersion, kind and the typed message. kubectl's typed verbs
/// (<c>create deployment</c>, <c>run</c>, <c>expose</c>, ...) send it and do not fall back to JSON.
/// </summary>
internal static class KubeProtobuf
{
    public const string MediaType = "application/vnd.kubernetes.protobuf";

    public static bool IsProtobuf(string? contentType) =>
        contentType?.Split(';')[0].Trim().Equals(MediaType, StringComparison.OrdinalIgnoreCase) == true;

    /// <summary>The object as JSON, with apiVersion and kind from the envelope.</summary>
    public static JsonObject Decode(byte[] body)
    {
        if (!body.AsSpan().StartsWith("k8s\0"u8))
        {
            throw ApiException.BadRequest("the body of the request could not be decoded: protobuf body does not start with the k8s magic prefix");
        }

        try
        {
            var unknown = ProtoReader.Read("Unknown", body[4..]);
            var kind = unknown["typeMeta"]?["kind"]?.GetValue<string>() ?? "";
            var apiVersion = unknown["typeMeta"]?["apiVersion"]?.GetValue<string>() ?? "";
            if (!ProtoSchema.Kinds.Contains(kind))
            {
                throw ApiException.BadRequest($"the body of the request could not be decoded: no protobuf decoding for kind \"{kind}\"");
            }

            var raw = Convert.FromBase64String(unknown["raw"]?.GetValue<string>() ?? "");
            var decoded = ProtoReader.Read(kind, raw);
            var result = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
            foreach (var (name, value) in decoded.ToList())
            {
                decoded.Remove(name);
                result[name] = value;
            }

            return result;
        }
        catch (Exception e) when (e is InvalidProtocolBufferException or InvalidDataException or FormatException or System.Text.Json.JsonException)
        {
            throw ApiException.BadRequest($"the body of the request could not be decoded: {e.Message}");
        }
    }
}
