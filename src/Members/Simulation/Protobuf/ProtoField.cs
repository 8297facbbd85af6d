namespace Federation.Members.Simulation;

/// <summary>How one protobuf field becomes JSON.</summary>
internal enum ProtoType
{
    String,
    Int,
    Bool,

    /// <summary>Bytes, base64 in JSON (Secret data).</summary>
    Bytes,

    /// <summary>meta/v1 Time {seconds, nanos}: an RFC 3339 string with seconds precision.</summary>
    Time,

    /// <summary>resource.Quantity {string}: the string.</summary>
    Quantity,

    /// <summary>intstr.IntOrString {type, intVal, strVal}: a number or a string.</summary>
    IntOrString,

    /// <summary>A message holding JSON bytes in field 1 (FieldsV1, RawExtension).</summary>
    Json,

    StringMap,
    BytesMap,
    QuantityMap,
    Message,

    /// <summary>An embedded Go struct: its fields appear in the parent's JSON object.</summary>
    Inline,
}

/// <summary>
/// One field of a Kubernetes message. <paramref name="KeepZero"/> marks Go pointer fields: their
/// zero value is meaningful (<c>replicas: 0</c>). Go's encoder writes every non-pointer field even
/// when empty, and JSON omits those, so their zero values are dropped.
/// </summary>
internal sealed record ProtoField(int Number, string Name, ProtoType Type, string? Message, bool Repeated, bool KeepZero);
