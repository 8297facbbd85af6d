using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Federation.Members.Simulation;

/// <summary>
/// One <c>watch=true</c> request: newline-delimited events read from the retained window of the
/// kind, resumable by resourceVersion, with periodic bookmarks and 410 Gone once the window has
/// moved past the watcher.
/// </summary>
internal sealed class WatchStream(ClusterEngine engine, FaultState faults)
{
    public static readonly TimeSpan BookmarkInterval = TimeSpan.FromSeconds(1);

    private static readonly byte[] Newline = "}\n"u8.ToArray();

    public async Task ServeAsync(HttpContext ctx, ResourceKind kind, string? ns, Func<StoredObject, bool> filter, WatchOptions options)
    {
        var store = engine.Store;
        var ring = store.Ring(kind);
        long cursor;
        var pending = new List<WatchEvent>();
        using (await store.RequestTurnAsync(ctx.RequestAborted))
        {
            lock (store.Gate)
            {
                if (options.ResourceVersion is null or "" or "0")
                {
                    cursor = store.ResourceVersion;
                    pending.AddRange(store.Table(kind).Snapshot(ns, filter).Select(o => new WatchEvent("ADDED", o)));
                }
                else if (!long.TryParse(options.ResourceVersion, NumberStyles.None, CultureInfo.InvariantCulture, out cursor))
                {
                    throw ApiException.BadRequest($"invalid resource version \"{options.ResourceVersion}\"");
                }
            }
        }

        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        await ctx.Response.StartAsync(ctx.RequestAborted);
        var deadline = options.Timeout is { } t ? engine.Now + t : DateTimeOffset.MaxValue;
        var nextBookmark = engine.Now + BookmarkInterval;
        while (!ctx.RequestAborted.IsCancellationRequested)
        {
            Task changed;
            bool expired;
            long evicted;
            using (await store.RequestTurnAsync(ctx.RequestAborted))
            {
                lock (store.Gate)
                {
                    evicted = ring.EvictedUpTo;
                    expired = cursor < evicted;
                    if (!expired)
                    {
                        ring.After(cursor, filter, pending);
                        cursor = store.ResourceVersion;
                    }

                    changed = store.Changed();
                }
            }

            if (expired)
            {
                await WriteExpired(ctx, cursor, evicted);
                return;
            }

            long unflushed = 0;
            foreach (var e in pending)
            {
                unflushed += await WriteEvent(ctx, e.Type, e.Object, options.Table);
                if (unflushed > 32 * 1024)
                {
                    // Stream large batches (a watch from resourceVersion 0 starts with every object) with back-pressure.
                    await ctx.Response.BodyWriter.FlushAsync(ctx.RequestAborted);
                    unflushed = 0;
                }
            }

            pending.Clear();
            var now = engine.Now;
            if (options.Bookmarks && now >= nextBookmark)
            {
                await WriteBookmark(ctx, kind, cursor);
                nextBookmark = now + BookmarkInterval;
            }

            await ctx.Response.BodyWriter.FlushAsync(ctx.RequestAborted);
            if (now >= deadline)
            {
                return;
            }

            if (!await WaitAsync(ctx, changed, Min(deadline, options.Bookmarks ? nextBookmark : DateTimeOffset.MaxValue) - now))
            {
                return;
            }
        }
    }

    /// <summary>Waits for a change or the next timed step; false when the stream must end (client gone, outage).</summary>
    private async Task<bool> WaitAsync(HttpContext ctx, Task changed, TimeSpan wait)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, faults.OutageStarted, faults.Stopping);
        var delay = wait < TimeSpan.FromDays(1) ? Task.Delay(wait > TimeSpan.Zero ? wait : TimeSpan.Zero, engine.Time, cts.Token) : Task.Delay(Timeout.Infinite, cts.Token);
        await Task.WhenAny(changed, delay);
        await cts.CancelAsync();
        if (ctx.RequestAborted.IsCancellationRequested || faults.Stopping.IsCancellationRequested)
        {
            return false;
        }

        switch (faults.Mode)
        {
            case OutageMode.Hang:
                // A partitioned member: the stream stalls until recovery (or the client gives up).
                await Task.WhenAny(faults.Recovered, Task.Delay(Timeout.Infinite, ctx.RequestAborted));
                return !ctx.RequestAborted.IsCancellationRequested;
            case OutageMode.Refuse or OutageMode.Error:
                ctx.Abort();
                return false;
            default:
                return true;
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;

    /// <summary>Writes one event line; returns its size.</summary>
    private async Task<long> WriteEvent(HttpContext ctx, string type, StoredObject obj, bool table)
    {
        var body = ctx.Response.BodyWriter;
        var head = Encoding.UTF8.GetBytes($"{{\"type\":\"{type}\",\"object\":");
        body.Write(head);
        long size = head.Length + Newline.Length;
        if (table)
        {
            await using var w = new Utf8JsonWriter(body);
            await Responses.WriteTableAsync(w, body, obj.Kind, new ListPage([obj], obj.ResourceVersion), engine.Now, includeObject: true, ctx.RequestAborted);
            await w.FlushAsync(ctx.RequestAborted);
            size += w.BytesCommitted;
        }
        else
        {
            body.Write(obj.Json);
            size += obj.Json.Length;
        }

        body.Write(Newline);
        return size;
    }

    private static Task WriteBookmark(HttpContext ctx, ResourceKind kind, long resourceVersion)
    {
        var info = kind.Info();
        var line = $"{{\"type\":\"BOOKMARK\",\"object\":{{\"kind\":\"{info.Kind}\",\"apiVersion\":\"{info.ApiVersion}\",\"metadata\":{{\"resourceVersion\":\"{resourceVersion}\"}}}}}}\n";
        ctx.Response.BodyWriter.Write(Encoding.UTF8.GetBytes(line));
        return Task.CompletedTask;
    }

    private static async Task WriteExpired(HttpContext ctx, long requested, long evicted)
    {
        var status = new ApiException(410, "Expired", $"too old resource version: {requested} ({evicted})").ToStatus();
        var body = ctx.Response.BodyWriter;
        body.Write("{\"type\":\"ERROR\",\"object\":"u8);
        body.Write(JsonSerializer.SerializeToUtf8Bytes(status));
        body.Write(Newline);
        await body.FlushAsync(ctx.RequestAborted);
    }
}

internal sealed record WatchOptions(string? ResourceVersion, bool Bookmarks, TimeSpan? Timeout, bool Table);
