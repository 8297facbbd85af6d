using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace Federation.Members;

/// <summary>
/// Quantities written as the client library writes them, except a negative one, which Kubernetes takes
/// nowhere (requests, limits, size limits, overhead) and whose canonical form the library never finishes
/// computing ("-1e3"): writing one throws <see cref="NegativeQuantityException"/> (a
/// <see cref="JsonException"/> whose <see cref="JsonException.Path"/> names the field) instead of hanging.
/// </summary>
internal sealed class NegativeQuantities : JsonConverter<ResourceQuantity>
{
    private static readonly ResourceQuantityJsonConverter Library = new();

    /// <summary>The client library's own JSON settings (what it writes and reads), with negative quantities refused.</summary>
    public static readonly JsonSerializerOptions Options = Create();

    private static JsonSerializerOptions Create()
    {
        JsonSerializerOptions? library = null;
        KubernetesJson.AddJsonOptions(o => library = o);
        var own = new JsonSerializerOptions(library ?? throw new InvalidOperationException("KubernetesJson exposed no options"));
        own.Converters.Insert(0, new NegativeQuantities());
        return own;
    }

    /// <summary>The first negative quantity anywhere in <paramref name="model"/>, or null when it has none.</summary>
    public static NegativeQuantityException? Find(object model)
    {
        try
        {
            JsonSerializer.Serialize(Stream.Null, model, model.GetType(), Options);
            return null;
        }
        catch (NegativeQuantityException e)
        {
            return e;
        }
    }

    public override ResourceQuantity? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Library.Read(ref reader, typeToConvert, options);

    public override void Write(Utf8JsonWriter writer, ResourceQuantity value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (value.ToDouble() < 0)
        {
            throw new NegativeQuantityException(value.ToDouble());
        }

        Library.Write(writer, value, options);
    }
}

/// <summary>A negative quantity was about to be written; <see cref="Field"/> says where.</summary>
public sealed class NegativeQuantityException(double value)
    : JsonException($"{value.ToString(CultureInfo.InvariantCulture)} is negative: a quantity must be at least 0")
{
    /// <summary>The field, as a manifest spells it ("spec.template.spec.volumes.emptyDir.sizeLimit"; the serializer gives no list indexes).</summary>
    public string Field => string.Join('.', (Path ?? "").TrimStart('$', '.').Split('.', StringSplitOptions.RemoveEmptyEntries)
        .Select(s => char.ToLowerInvariant(s[0]) + s[1..]));
}
