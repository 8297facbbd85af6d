using Federation.Grains;
using Federation.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Serialization;
using Orleans.Storage;

namespace Federation.Tests.Hosting;

/// <summary>Grain state in Redis: written binary, and state written as JSON before still read.</summary>
public sealed class RedisStateSerializerTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer(FederationHost.CoreAsJson).BuildServiceProvider();

    private OrleansJsonSerializer Json => new(Options.Create(new OrleansJsonSerializerOptions()));

    private RedisStateSerializer Subject => new(_services.GetRequiredService<Serializer>(), Json);

    private static ApplicationState Sample() => new()
    {
        Generation = 7,
        Applied = new Dictionary<string, int>(StringComparer.Ordinal) { ["east"] = 2, ["west"] = 1 },
        Target = new Dictionary<string, int>(StringComparer.Ordinal) { ["east"] = 2, ["west"] = 1 },
    };

    [Fact]
    public void State_is_written_binary_and_read_back_whole()
    {
        var data = Subject.Serialize(Sample());

        Assert.False(RedisStateSerializer.IsJson(data), "the binary form must never look like the JSON written before");
        var read = Subject.Deserialize<ApplicationState>(data)!;
        Assert.Equal((7, 2, 1), (read.Generation, read.Applied["east"], read.Target["west"]));
    }

    [Fact]
    public void State_written_as_json_by_the_default_serializer_is_still_read()
    {
        var legacy = new JsonGrainStorageSerializer(Json).Serialize(Sample());

        Assert.True(RedisStateSerializer.IsJson(legacy));
        var read = Subject.Deserialize<ApplicationState>(legacy)!;
        Assert.Equal((7, 2, 1), (read.Generation, read.Applied["east"], read.Target["west"]));
    }

    [Fact]
    public void The_binary_form_is_smaller_than_the_json_one()
    {
        var state = Sample();

        Assert.True(Subject.Serialize(state).ToMemory().Length < new JsonGrainStorageSerializer(Json).Serialize(state).ToMemory().Length);
    }

    public void Dispose() => _services.Dispose();
}
