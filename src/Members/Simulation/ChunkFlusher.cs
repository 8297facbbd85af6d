using System.IO.Pipelines;
using System.Text.Json;

namespace Federation.Members.Simulation;

/// <summary>
/// Hands written JSON to the connection every 32 KiB, so a 100 MB list streams with back-pressure
/// instead of piling up in the server's pinned buffer pool. The writer's own flush only commits
/// to the pipe; the pipe must be flushed as well for the bytes to leave.
/// </summary>
internal sealed class ChunkFlusher(Utf8JsonWriter writer, PipeWriter pipe)
{
    private const int ChunkBytes = 32 * 1024;
    private long _flushedAt;

    public async ValueTask MaybeFlushAsync(CancellationToken ct)
    {
        if (writer.BytesCommitted + writer.BytesPending - _flushedAt > ChunkBytes)
        {
            writer.Flush();
            await pipe.FlushAsync(ct);
            _flushedAt = writer.BytesCommitted;
        }
    }
}
