using Orleans.Serialization;
using Orleans.Storage;

namespace Federation.Hosting;

/// <summary>
/// How grain state is written to Redis: in Orleans' binary format, rather than the Newtonsoft JSON
/// the Redis provider writes by default, which took a tenth of a silo's CPU while applications were
/// created. State written as JSON before is still read (it starts <c>{"</c>, which the binary
/// format never does) and is written back binary at its next change.
/// </summary>
public sealed class RedisStateSerializer(Serializer serializer, OrleansJsonSerializer json) : IGrainStorageSerializer
{
    private readonly OrleansGrainStorageSerializer _binary = new(serializer);
    private readonly JsonGrainStorageSerializer _json = new(json);

    public BinaryData Serialize<T>(T? input) => _binary.Serialize(input);

    public T? Deserialize<T>(BinaryData input) => IsJson(input) ? _json.Deserialize<T>(input) : _binary.Deserialize<T>(input);

    internal static bool IsJson(BinaryData data) => data.ToMemory().Span is [(byte)'{', (byte)'"', ..];
}
