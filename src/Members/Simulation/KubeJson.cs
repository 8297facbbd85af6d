using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Federation.Members.Simulation;

/// <summary>The KubernetesClient's own JSON settings, so the simulator writes what the client reads.</summary>
internal static class KubeJson
{
    public static readonly JsonSerializerOptions Options = NegativeQuantities.Options;

    /// <summary>The object as JSON; one holding a negative quantity is refused as Kubernetes refuses it (422, naming the field).</summary>
    public static byte[] ToUtf8(object value) => Refusing(value, () => JsonSerializer.SerializeToUtf8Bytes(value, value.GetType(), Options));

    public static JsonNode ToNode(object value) => Refusing(value, () => JsonSerializer.SerializeToNode(value, value.GetType(), Options)!);

    public static T FromNode<T>(JsonNode node) => node.Deserialize<T>(Options)!;

    public static T FromUtf8<T>(ReadOnlySpan<byte> json) => JsonSerializer.Deserialize<T>(json, Options)!;

    private static T Refusing<T>(object value, Func<T> write)
    {
        try
        {
            return write();
        }
        catch (NegativeQuantityException e)
        {
            var kind = value switch { V1StatefulSet => ResourceKind.StatefulSet, V1Pod => ResourceKind.Pod, _ => ResourceKind.Deployment };
            var name = (value as IMetadata<V1ObjectMeta>)?.Metadata?.Name ?? "";
            throw ApiException.Invalid(kind, name, [(e.Field, $"Invalid value: {e.Message}")]);
        }
    }

    /// <summary>Deep copy through JSON; stored models are never mutated in place.</summary>
    public static T Clone<T>(T value)
        where T : class => FromUtf8<T>(ToUtf8(value));
}
