using Orleans.Serialization;
using Orleans.Storage;

namespace Federation.Hosting;

/// <summary>
/// Grain state in files under the data directory, for the embedded mode: one file per grain,
/// written to a temporary file and renamed over the old one, so a crash leaves either the old
/// state or the new one, never a torn file. Files are the host user's alone (<see cref="PrivateFiles"/>).
/// </summary>
public sealed class FileGrainStorage(string directory, Serializer serializer) : IGrainStorage
{
    // The directory is made (0700) once, not at every write: a write is a state change of any grain.
    private volatile bool _directoryMade;

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        if (!File.Exists(path))
        {
            grainState.RecordExists = false;
            return;
        }

        var bytes = await File.ReadAllBytesAsync(path);
        grainState.State = serializer.Deserialize<T>(bytes);
        grainState.ETag = File.GetLastWriteTimeUtc(path).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var path = PathOf(stateName, grainId);
        var bytes = serializer.SerializeToArray(grainState.State);
        if (!_directoryMade)
        {
            PrivateFiles.Directory(directory);
            _directoryMade = true;
        }

        try
        {
            await PrivateFiles.WriteAsync(path, bytes);
        }
        catch (DirectoryNotFoundException)
        {
            // Removed under the running host: make it again rather than lose the write.
            PrivateFiles.Directory(directory);
            await PrivateFiles.WriteAsync(path, bytes);
        }

        grainState.ETag = File.GetLastWriteTimeUtc(path).Ticks.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        File.Delete(PathOf(stateName, grainId));
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    private string PathOf(string stateName, GrainId grainId)
    {
        // Grain keys hold '/' (namespace/name): encode the whole id into a safe file name.
        var key = Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes($"{grainId}/{stateName}"));
        return Path.Combine(directory, key + ".bin");
    }
}
