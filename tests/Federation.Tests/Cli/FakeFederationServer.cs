using System.Collections.Concurrent;
using System.Text.Json;
using Federation.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Federation.Tests.Cli;

/// <summary>
/// A stand-in for the federation host: Kestrel on a free loopback port answering the
/// routes a test maps with canned JSON, and recording every request it gets.
/// </summary>
internal sealed class FakeFederationServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedRequest> _requests;

    private FakeFederationServer(WebApplication app, Uri url, ConcurrentQueue<RecordedRequest> requests)
    {
        _app = app;
        Url = url;
        _requests = requests;
    }

    public Uri Url { get; }

    /// <summary>Every request received so far, in order.</summary>
    public IReadOnlyList<RecordedRequest> Requests => [.. _requests];

    public static async Task<FakeFederationServer> StartAsync(Action<WebApplication> routes)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var requests = new ConcurrentQueue<RecordedRequest>();
        app.Use(async (http, next) =>
        {
            http.Request.EnableBuffering();
            var body = await new StreamReader(http.Request.Body).ReadToEndAsync();
            http.Request.Body.Position = 0;
            requests.Enqueue(new RecordedRequest(
                http.Request.Method,
                http.Request.Path + http.Request.QueryString,
                http.Request.Headers.Authorization.ToString(),
                body));
            await next(http);
        });
        routes(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new FakeFederationServer(app, new Uri(address), requests);
    }

    /// <summary>A JSON answer serialized the way the host does (camelCase, enums as strings).</summary>
    public static IResult Json(object value, int status = 200) =>
        Results.Content(JsonSerializer.Serialize(value, CliJson.Options), "application/json", statusCode: status);

    /// <summary>Answers from <paramref name="answers"/> in turn, repeating the last one.</summary>
    public static Func<IResult> Sequence(params object[] answers)
    {
        var next = 0;
        return () => Json(answers[Math.Min(Interlocked.Increment(ref next) - 1, answers.Length - 1)]);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
