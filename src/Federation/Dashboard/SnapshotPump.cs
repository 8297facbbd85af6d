namespace Federation.Dashboard;

/// <summary>
/// The stream's loop, apart from HTTP so that it can be driven by a test clock: read the fleet
/// every poll interval, send it when its text differs from what was last sent, and send a
/// heartbeat comment every heartbeat interval so that proxies keep an idle connection open.
/// </summary>
public sealed class SnapshotPump(
    Func<CancellationToken, Task<string>> read,
    Func<string, CancellationToken, Task> write,
    TimeProvider time,
    Action<Exception>? readFailed = null)
{
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromMilliseconds(500);

    public static readonly TimeSpan DefaultHeartbeatInterval = TimeSpan.FromSeconds(15);

    public TimeSpan PollInterval { get; init; } = DefaultPollInterval;

    public TimeSpan HeartbeatInterval { get; init; } = DefaultHeartbeatInterval;

    /// <summary>Runs until <paramref name="ct"/> is cancelled (the client left or the host stops).</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        // How long the browser waits before it reconnects after the stream drops.
        await write("retry: 2000\n\n", ct);
        string? sent = null;
        var lastHeartbeat = time.GetTimestamp();
        var failing = false;
        while (!ct.IsCancellationRequested)
        {
            string? snapshot = null;
            try
            {
                snapshot = await read(ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested && e is not OperationCanceledException)
            {
                // The grains did not answer (a silo restarting): tell the page once, keep polling.
                readFailed?.Invoke(e);
                if (!failing)
                {
                    await write($"event: problem\ndata: {System.Text.Json.JsonSerializer.Serialize(new { message = e.Message })}\n\n", ct);
                    failing = true;
                }
            }

            if (snapshot is not null)
            {
                if (failing || snapshot != sent)
                {
                    await write($"event: snapshot\ndata: {snapshot}\n\n", ct);
                    sent = snapshot;
                }

                failing = false;
            }

            if (time.GetElapsedTime(lastHeartbeat) >= HeartbeatInterval)
            {
                await write(": heartbeat\n\n", ct);
                lastHeartbeat = time.GetTimestamp();
            }

            await Task.Delay(PollInterval, time, ct);
        }
    }
}
