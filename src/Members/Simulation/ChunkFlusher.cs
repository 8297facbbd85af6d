using System.Text.Json;

namespace Federation.Members.Simulation;

/// <summary>
/// Hands written JSON to the connection every 32 KiB, so a 100 MB list streams with back-pressure
/// instead of piling up in the server's pinned buffer pool. (Checking BytesPending alone is not
/// enough: the writer commits to the pipe, unflushed, whenever it needs a new buffer.)
/// </summary>
internal sealed class ChunkFlusher(Utf8JsonWriter writer)
{
    private const int ChunkBytes = 32 * 1024;
    private long _flushedAt;

    public async ValueTask MaybeFlushAsync(CancellationToken ct)
    {
        if (writer.BytesCommitted + writer.BytesPending - _flushedAt > ChunkBytes)
        {
            await writer.FlushAsync(ct);
            _flushedAt = writer.BytesCommitted;
        }
    }
}
