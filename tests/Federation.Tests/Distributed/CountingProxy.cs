using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Federation.Tests.Distributed;

/// <summary>
/// A small HTTP proxy in front of one simulated member: members are joined through its URL, so
/// every request a silo makes to the member passes here and is recorded with the silo process
/// that made it (probes, watches, Deployment writes). Streams responses, so watches work.
/// </summary>
public sealed class CountingProxy : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly Func<IEnumerable<int>> _pids;
    private readonly List<ProxiedRequest> _requests = [];
    private readonly Dictionary<int, int> _openWatches = [];

    private CountingProxy(WebApplication app, Uri upstream, Func<IEnumerable<int>> pids)
    {
        _app = app;
        _pids = pids;
        _upstream = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseProxy = false, AutomaticDecompression = DecompressionMethods.None })
        {
            BaseAddress = upstream,
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    public Uri Url { get; private set; } = new("http://127.0.0.1/");

    public static async Task<CountingProxy> StartAsync(Uri upstream, Func<IEnumerable<int>> pids)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var proxy = new CountingProxy(app, upstream, pids);
        app.Run(proxy.ForwardAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        proxy.Url = new Uri(address.EndsWith('/') ? address : address + "/");
        return proxy;
    }

    /// <summary>Requests recorded since <paramref name="since"/> that match.</summary>
    public IReadOnlyList<ProxiedRequest> Since(DateTime since, Func<ProxiedRequest, bool> match)
    {
        lock (_requests)
        {
            return _requests.Where(r => r.At >= since && match(r)).ToList();
        }
    }

    /// <summary>Open watch streams, by the silo process that holds them (-1: not resolved).</summary>
    public IReadOnlyDictionary<int, int> OpenWatches()
    {
        lock (_openWatches)
        {
            return _openWatches.Where(kv => kv.Value > 0).ToDictionary();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(new CancellationToken(canceled: true));
        await _app.DisposeAsync();
        _upstream.Dispose();
    }

    private async Task ForwardAsync(HttpContext ctx)
    {
        var pathAndQuery = ctx.Request.Path + ctx.Request.QueryString;
        var pid = SocketOwners.Resolve(ctx.Connection.RemotePort, ctx.Connection.LocalPort, _pids()) ?? -1;
        var watch = ctx.Request.Query["watch"] is { Count: > 0 } w && w[0] is "true" or "1";
        lock (_requests)
        {
            _requests.Add(new ProxiedRequest(DateTime.UtcNow, ctx.Request.Method, pathAndQuery, pid));
        }

        if (watch)
        {
            Count(pid, +1);
        }

        try
        {
            using var request = new HttpRequestMessage(new HttpMethod(ctx.Request.Method), pathAndQuery.TrimStart('/'));
            if (ctx.Request.ContentLength is > 0 || ctx.Request.Headers.TransferEncoding.Count > 0)
            {
                request.Content = new StreamContent(ctx.Request.Body);
            }

            foreach (var (key, value) in ctx.Request.Headers)
            {
                if (key is "Host" or "Transfer-Encoding" or "Connection")
                {
                    continue;
                }

                if (!request.Headers.TryAddWithoutValidation(key, value.ToArray()))
                {
                    request.Content?.Headers.TryAddWithoutValidation(key, value.ToArray());
                }
            }

            using var response = await _upstream.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ctx.RequestAborted);
            ctx.Response.StatusCode = (int)response.StatusCode;
            foreach (var (key, value) in response.Headers.Concat(response.Content.Headers))
            {
                if (key is not ("Transfer-Encoding" or "Connection"))
                {
                    ctx.Response.Headers[key] = value.ToArray();
                }
            }

            await using var body = await response.Content.ReadAsStreamAsync(ctx.RequestAborted);
            await body.CopyToAsync(ctx.Response.Body, ctx.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            // The silo went away mid-request (killed), or the member did: nothing to forward.
            ctx.Abort();
        }
        finally
        {
            if (watch)
            {
                Count(pid, -1);
            }
        }
    }

    private void Count(int pid, int delta)
    {
        lock (_openWatches)
        {
            _openWatches[pid] = _openWatches.GetValueOrDefault(pid) + delta;
        }
    }
}

/// <summary>One request through the proxy: when, what, and which silo process sent it (-1: unknown).</summary>
public sealed record ProxiedRequest(DateTime At, string Method, string PathAndQuery, int Pid);
