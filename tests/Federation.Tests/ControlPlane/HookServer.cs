using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Federation.Tests.ControlPlane;

/// <summary>
/// A runbook's hook endpoint: Kestrel on loopback that logs every call (payload, whether its
/// signature checks out with the secret) and answers what the test says, after the delay it says.
/// </summary>
internal sealed class HookServer : IAsyncDisposable
{
    public const string Secret = "runbook-secret-0123456789";

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<HookRequestLog> _log = new();

    private HookServer(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>The status and delay of the answer to the nth call (0-based) with this payload.</summary>
    public Func<int, JsonElement, (int Status, TimeSpan Delay)> Answer { get; set; } = (_, _) => (200, TimeSpan.Zero);

    public IReadOnlyList<HookRequestLog> Log => [.. _log];

    public static async Task<HookServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var server = new HookServer(builder.Build());
        var count = 0;
        server._app.MapPost("/hook", async (HttpRequest request) =>
        {
            var body = await new StreamReader(request.Body).ReadToEndAsync();
            var payload = JsonDocument.Parse(body).RootElement.Clone();
            var timestamp = request.Headers["X-Federation-Timestamp"].ToString();
            var expected = "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));
            var (status, delay) = server.Answer(Interlocked.Increment(ref count) - 1, payload);
            server._log.Enqueue(new HookRequestLog(DateTimeOffset.UtcNow, payload, request.Headers["X-Federation-Signature"].ToString() == expected, status));
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay);
            }

            return Results.Text(status == 200 ? "ok" : "not now", statusCode: status);
        });
        await server._app.StartAsync();
        server.Url = new Uri(new Uri(server._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First()), "/hook");
        return server;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}

internal sealed record HookRequestLog(DateTimeOffset At, JsonElement Payload, bool SignatureValid, int Status)
{
    public string Hook => Payload.GetProperty("hook").GetString()!;

    public string Step => $"{Hook} {Payload.GetProperty("member").GetString()} {Payload.GetProperty("replicasBefore").GetInt32()}->{Payload.GetProperty("replicasAfter").GetInt32()}";

    public int Attempt => Payload.GetProperty("attempt").GetInt32();
}
