using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Federation.Dashboard;

/// <summary>GET /api/v1/stream: Server-Sent Events carrying <see cref="DashboardSnapshot"/> whenever it changes.</summary>
internal static partial class DashboardStream
{
    public static async Task RunAsync(
        HttpContext context,
        IGrainFactory grains,
        TimeProvider time,
        IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions> json,
        IHostApplicationLifetime lifetime,
        ILoggerFactory loggers)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache, no-store";
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();

        // The stream ends when the client leaves, and also when the host stops: a browser tab
        // left open must not hold the shutdown for its whole grace period.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        var logger = loggers.CreateLogger(typeof(DashboardStream).FullName!);
        var serializer = json.Value.SerializerOptions;
        var pump = new SnapshotPump(
            read: async _ => JsonSerializer.Serialize(await DashboardSnapshot.ReadAsync(grains), serializer),
            write: async (frame, ct) =>
            {
                await response.Body.WriteAsync(Encoding.UTF8.GetBytes(frame), ct);
                await response.Body.FlushAsync(ct);
            },
            time,
            readFailed: e => LogReadFailed(logger, e));
        try
        {
            await response.StartAsync(stop.Token);
            await pump.RunAsync(stop.Token);
        }
        catch (Exception e) when (stop.IsCancellationRequested && e is OperationCanceledException or IOException)
        {
            // The client went away or the host is stopping: the normal end of a stream.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dashboard stream could not read the fleet; retrying")]
    private static partial void LogReadFailed(ILogger logger, Exception exception);
}
