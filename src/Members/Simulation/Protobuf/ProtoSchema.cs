using System.Collections.Frozen;
using System.Globalization;

namespace Federation.Members.Simulation;

/// <summary>
/// The field numbers of the Kubernetes messages the simulator reads, from the upstream
/// <c>generated.proto</c> files (k8s.io/api apps, core, policy v1; apimachinery meta v1, runtime,
/// resource, intstr). Fields not listed are skipped when decoding. One line per message:
/// <c>NUMBER NAME [TYPE][*][?]</c> separated by <c>;</c> — TYPE is a <see cref="ProtoType"/> keyword
/// (<c>int bool bytes time quantity intstr json map bmap qmap</c>), a message name, or
/// <c>^Message</c> for an embedded struct; no TYPE means string; <c>*</c> repeated; <c>?</c> a Go
/// pointer whose zero value is kept.
/// </summary>
internal static partial class ProtoSchema
{
    private static readonly FrozenDictionary<string, FrozenDictionary<int, ProtoField>> Messages =
        Meta.Concat(Apps).Concat(Core).ToFrozenDictionary(m => m.Key, m => Parse(m.Value), StringComparer.Ordinal);

    /// <summary>The top-level message of each kind the simulator accepts.</summary>
    public static readonly FrozenSet<string> Kinds = FrozenSet.Create(StringComparer.Ordinal,
        "Deployment", "StatefulSet", "PodDisruptionBudget", "Pod", "Namespace", "ConfigMap", "Secret", "Service", "ServiceAccount");

    public static ProtoField? Field(string message, int number) =>
        Messages[message].TryGetValue(number, out var field) ? field : null;

    public static IEnumerable<ProtoField> Fields(string message) => Messages[message].Values;

    private static FrozenDictionary<int, ProtoField> Parse(string spec) => spec
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(ParseField)
        .ToFrozenDictionary(f => f.Number);

    private static ProtoField ParseField(string text)
    {
        var parts = text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var number = int.Parse(parts[0], CultureInfo.InvariantCulture);
        var type = parts.Length > 2 ? parts[2] : parts[1].StartsWith('^') ? parts[1] : "";
        var name = parts[1].StartsWith('^') ? "" : parts[1].TrimEnd('*', '?');
        var flags = parts[^1];
        var repeated = flags.EndsWith('*') || flags.EndsWith("*?", StringComparison.Ordinal);
        var keepZero = flags.EndsWith('?');
        type = type.TrimEnd('*', '?');
        var (kind, message) = type switch
        {
            "" => (ProtoType.String, null),
            "int" => (ProtoType.Int, null),
            "bool" => (ProtoType.Bool, null),
            "bytes" => (ProtoType.Bytes, null),
            "time" => (ProtoType.Time, null),
            "quantity" => (ProtoType.Quantity, null),
            "intstr" => (ProtoType.IntOrString, null),
            "json" => (ProtoType.Json, null),
            "map" => (ProtoType.StringMap, null),
            "bmap" => (ProtoType.BytesMap, null),
            "qmap" => (ProtoType.QuantityMap, null),
            _ when type.StartsWith('^') => (ProtoType.Inline, type[1..]),
            _ => (ProtoType.Message, (string?)type),
        };
        return new ProtoField(number, name, kind, message, repeated, keepZero);
    }
}
