using Federation.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Federation.Tests.Hosting;

/// <summary>The embedded mode's grain state: two slots written in turn, a torn write never read.</summary>
public sealed class FileGrainStorageTests : IDisposable
{
    private static readonly GrainId Grain = GrainId.Create("application", "default/web");
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "federation-tests", Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    private Serializer Serializer => _services.GetRequiredService<Serializer>();

    [Fact]
    public async Task Writes_alternate_between_two_slots_and_a_new_activation_reads_the_latest()
    {
        var storage = new FileGrainStorage(_directory, Serializer);
        var state = new GrainState<Dictionary<string, int>>(new());
        for (var i = 1; i <= 5; i++)
        {
            state.State = new Dictionary<string, int> { ["east"] = i };
            await storage.WriteStateAsync("state", Grain, state);
        }

        Assert.Equal(2, Directory.GetFiles(_directory).Length);
        var read = await ReadAsync(new FileGrainStorage(_directory, Serializer));
        Assert.Equal(5, read.State!["east"]);
        Assert.Equal("5", read.ETag);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task A_torn_write_leaves_the_state_before_it()
    {
        var storage = new FileGrainStorage(_directory, Serializer);
        var state = new GrainState<Dictionary<string, int>>(new() { ["east"] = 1 });
        await storage.WriteStateAsync("state", Grain, state);
        state.State = new Dictionary<string, int> { ["east"] = 2, ["west"] = 7 };
        await storage.WriteStateAsync("state", Grain, state);

        // The newer slot cut short mid-payload, as a crash during its write would leave it.
        var newest = Directory.GetFiles(_directory).OrderByDescending(File.GetLastWriteTimeUtc).First();
        var bytes = await File.ReadAllBytesAsync(newest);
        await File.WriteAllBytesAsync(newest, bytes[..(bytes.Length - 3)]);

        var read = await ReadAsync(new FileGrainStorage(_directory, Serializer));
        Assert.Equal(new Dictionary<string, int> { ["east"] = 1 }, read.State);
        Assert.Equal("1", read.ETag);
    }

    [Fact]
    public async Task A_slot_longer_than_its_record_is_read_by_the_record_length_and_cut_back_when_far_longer()
    {
        var storage = new FileGrainStorage(_directory, Serializer);
        var state = new GrainState<Dictionary<string, int>>(new(Enumerable.Range(0, 20_000).ToDictionary(i => $"member-{i}", i => i)));
        await storage.WriteStateAsync("state", Grain, state);
        await storage.WriteStateAsync("state", Grain, state);
        state.State = new Dictionary<string, int> { ["east"] = 3 };
        await storage.WriteStateAsync("state", Grain, state);

        var read = await ReadAsync(new FileGrainStorage(_directory, Serializer));
        Assert.Equal(new Dictionary<string, int> { ["east"] = 3 }, read.State);
        Assert.Contains(Directory.GetFiles(_directory), f => new FileInfo(f).Length < 1024);
    }

    [Fact]
    public async Task State_written_before_slots_is_read_and_moved_to_a_slot_at_the_first_write()
    {
        Directory.CreateDirectory(_directory);
        var legacy = Path.Combine(_directory, Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes($"{Grain}/state")) + ".bin");
        await File.WriteAllBytesAsync(legacy, Serializer.SerializeToArray(new Dictionary<string, int> { ["east"] = 4 }));
        var storage = new FileGrainStorage(_directory, Serializer);

        var read = await ReadAsync(storage);
        Assert.Equal(4, read.State!["east"]);
        read.State!["east"] = 5;
        await storage.WriteStateAsync("state", Grain, read);

        Assert.False(File.Exists(legacy));
        Assert.Equal(5, (await ReadAsync(new FileGrainStorage(_directory, Serializer))).State!["east"]);
    }

    [Fact]
    public async Task Cleared_state_reads_as_no_record_and_a_slot_that_is_no_record_is_refused()
    {
        var storage = new FileGrainStorage(_directory, Serializer);
        var state = new GrainState<Dictionary<string, int>>(new() { ["east"] = 1 });
        await storage.WriteStateAsync("state", Grain, state);
        await storage.ClearStateAsync("state", Grain, state);
        Assert.Empty(Directory.GetFiles(_directory));
        Assert.False((await ReadAsync(storage)).RecordExists);

        await storage.WriteStateAsync("state", Grain, state);
        await File.WriteAllTextAsync(Directory.GetFiles(_directory).Single(), "not a record");
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => ReadAsync(storage));
        Assert.Contains("no slot", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _services.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private static async Task<GrainState<Dictionary<string, int>>> ReadAsync(FileGrainStorage storage)
    {
        var state = new GrainState<Dictionary<string, int>>(new());
        await storage.ReadStateAsync("state", Grain, state);
        return state;
    }
}
