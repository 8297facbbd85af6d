using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;

namespace Federation.Members.Simulation;

/// <summary>The KubernetesClient's own JSON settings, so the simulator writes what the client reads.</summary>
internal static class KubeJson
{
    public static readonly JsonSerializerOptions Options = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        JsonSerializerOptions? options = null;
        KubernetesJson.AddJsonOptions(o => options = o);
        return options ?? throw new InvalidOperationException("KubernetesJson exposed no options");
    }

    public static byte[] ToUtf8(object value) => JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), Options);

    public static JsonNode ToNode(object value) => JsonSerializer.SerializeToNode(value, value.GetType(), Options)!;

    public static T FromNode<T>(JsonNode node) => node.Deserialize<T>(Options)!;

    public static T FromUtf8<T>(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize<T>(json, Options)!;

    /// <summary>Deep copy through JSON; stored models are never mutated in place.</summary>
    public static T Clone<T>(T value)
        where T : class => FromUtf8<T>(ToUtf8(value));
}
