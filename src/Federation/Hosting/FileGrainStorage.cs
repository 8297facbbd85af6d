using System.Buffers.Binary;
using System.IO.Hashing;
using Orleans.Serialization;
using Orleans.Storage;

namespace Federation.Hosting;

/// <summary>
/// Grain state in files under the data directory, for the embedded mode. Each grain has two slot
/// files written in turn, each a header (magic, sequence number, length, CRC-32) and the state; a
/// read takes the valid slot with the higher sequence. A crash mid-write leaves the other slot, so
/// a reader sees the old state or the new one, never a torn one. Slots are overwritten in place:
/// no file is created, renamed or freed per write, which on a busy host is most of the cost of a
/// write. Files are the host user's alone (<see cref="PrivateFiles"/>).
/// </summary>
public sealed class FileGrainStorage(string directory, Serializer serializer) : IGrainStorage
{
    private const int HeaderSize = 20;
    private static readonly uint Magic = BinaryPrimitives.ReadUInt32LittleEndian("FGS1"u8);

    // The directory is made (0700) once, not at every write: a write is a state change of any grain.
    private volatile bool _directoryMade;

    // Files open at once: thousands of grains writing together (a fleet failing over) must not
    // take every file descriptor the process has, which its sockets to the members need too.
    private readonly SemaphoreSlim _open = new(64);

    public async Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (path, legacy) = PathsOf(stateName, grainId);
        // Asked once: most reads are a new grain's, whose slots do not exist, and a stat costs less than
        // the exception a read of a missing file throws (two per new application while a fleet is placed).
        var present = new[] { SlotPath(path, 0), SlotPath(path, 1) }.Where(File.Exists).ToList();
        Slot? newest = null;
        foreach (var slot in present)
        {
            if (await ReadSlotAsync(slot) is { } found && (newest is null || found.Sequence > newest.Sequence))
            {
                newest = found;
            }
        }

        if (newest is null && File.Exists(legacy))
        {
            // Written before slots: one file, replaced by rename. The first write moves it to a slot.
            newest = new Slot(0, await File.ReadAllBytesAsync(legacy));
        }

        if (newest is null)
        {
            if (present.Count > 0)
            {
                throw new InvalidDataException($"state {stateName} of {grainId}: no slot of {path} holds a whole record");
            }

            grainState.RecordExists = false;
            return;
        }

        grainState.State = serializer.Deserialize<T>(newest.Payload);
        grainState.ETag = newest.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public async Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (path, legacy) = PathsOf(stateName, grainId);
        var sequence = (long.TryParse(grainState.ETag, System.Globalization.CultureInfo.InvariantCulture, out var last) ? last : 0) + 1;
        var record = Encode(sequence, serializer.SerializeToArray(grainState.State));
        if (!_directoryMade)
        {
            PrivateFiles.Directory(directory);
            _directoryMade = true;
        }

        try
        {
            await WriteSlotAsync(SlotPath(path, (int)(sequence % 2)), record);
        }
        catch (DirectoryNotFoundException)
        {
            // Removed under the running host: make it again rather than lose the write.
            PrivateFiles.Directory(directory);
            await WriteSlotAsync(SlotPath(path, (int)(sequence % 2)), record);
        }

        if (sequence == 1)
        {
            File.Delete(legacy);
        }

        grainState.ETag = sequence.ToString(System.Globalization.CultureInfo.InvariantCulture);
        grainState.RecordExists = true;
    }

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
    {
        var (path, legacy) = PathsOf(stateName, grainId);
        File.Delete(SlotPath(path, 0));
        File.Delete(SlotPath(path, 1));
        File.Delete(legacy);
        grainState.ETag = null;
        grainState.RecordExists = false;
        return Task.CompletedTask;
    }

    /// <summary>Header (magic, sequence, payload length, CRC-32 of the payload) and payload, as one buffer written at once.</summary>
    internal static byte[] Encode(long sequence, ReadOnlySpan<byte> payload)
    {
        var record = new byte[HeaderSize + payload.Length];
        BinaryPrimitives.WriteUInt32LittleEndian(record, Magic);
        BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(4), sequence);
        BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(12), payload.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(record.AsSpan(16), Crc32.HashToUInt32(payload));
        payload.CopyTo(record.AsSpan(HeaderSize));
        return record;
    }

    /// <summary>The record at the start of <paramref name="bytes"/>, or null when it is not whole (torn, or not a slot).</summary>
    internal static Slot? Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < HeaderSize || BinaryPrimitives.ReadUInt32LittleEndian(bytes) != Magic)
        {
            return null;
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes[12..]);
        if (length < 0 || length > bytes.Length - HeaderSize)
        {
            return null;
        }

        var payload = bytes.Slice(HeaderSize, length);
        return Crc32.HashToUInt32(payload) == BinaryPrimitives.ReadUInt32LittleEndian(bytes[16..])
            ? new Slot(BinaryPrimitives.ReadInt64LittleEndian(bytes[4..]), payload.ToArray())
            : null;
    }

    private async Task<Slot?> ReadSlotAsync(string path)
    {
        await _open.WaitAsync();
        try
        {
            return Decode(await File.ReadAllBytesAsync(path));
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        finally
        {
            _open.Release();
        }
    }

    /// <summary>Overwrites the slot from its start; a slot much longer than the record is cut back.</summary>
    private async Task WriteSlotAsync(string path, byte[] record)
    {
        await _open.WaitAsync();
        try
        {
            WriteOpenSlot(path, record);
        }
        finally
        {
            _open.Release();
        }
    }

    private static void WriteOpenSlot(string path, byte[] record)
    {
        var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.Write, BufferSize = 0 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        // Written on the caller's thread: a write into the page cache takes microseconds, and a file
        // opened without FileOptions.Asynchronous would only be written on another pool thread.
        using var stream = new FileStream(path, options);
        stream.Write(record);
        if (stream.Length > 2L * record.Length && stream.Length > 64 * 1024)
        {
            stream.SetLength(record.Length);
        }
    }

    private (string Path, string Legacy) PathsOf(string stateName, GrainId grainId)
    {
        // Grain keys hold '/' (namespace/name): encode the whole id into a safe file name.
        var key = Path.Combine(directory, Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes($"{grainId}/{stateName}")));
        return (key, key + ".bin");
    }

    private static string SlotPath(string path, int slot) => $"{path}.{slot}";

    internal sealed record Slot(long Sequence, byte[] Payload);
}
