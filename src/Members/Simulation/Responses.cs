using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Federation.Members.Simulation;

/// <summary>Writes objects, lists, Tables and Status documents, reusing each object's cached JSON.</summary>
internal static class Responses
{
    public static async Task Json(HttpContext ctx, int code, ReadOnlyMemory<byte> body)
    {
        ctx.Response.StatusCode = code;
        ctx.Response.ContentType = "application/json";
        ctx.Response.ContentLength = body.Length;
        await ctx.Response.Body.WriteAsync(body, ctx.RequestAborted);
    }

    // Messages quote names; keep them readable ("web", not \u0022web\u0022) as Go's encoder does.
    private static readonly JsonSerializerOptions Relaxed = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static Task Json(HttpContext ctx, int code, JsonNode body) =>
        Json(ctx, code, JsonSerializer.SerializeToUtf8Bytes(body, Relaxed));

    public static Task Model(HttpContext ctx, int code, object model) => Json(ctx, code, KubeJson.ToUtf8(model));

    public static Task Error(HttpContext ctx, ApiException e) => Json(ctx, e.Code, e.ToStatus());

    public static Task Success(HttpContext ctx, StoredObject deleted) => Json(ctx, 200, new JsonObject
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["details"] = new JsonObject
        {
            ["name"] = deleted.Name,
            ["group"] = deleted.Kind.Info().Group,
            ["kind"] = deleted.Kind.Info().Plural,
            ["uid"] = deleted.Uid,
        },
    });

    public static bool WantsTable(HttpContext ctx) =>
        ctx.Request.Headers.Accept.Any(a => a?.Contains("as=Table", StringComparison.Ordinal) == true);

    /// <summary>A list streamed straight to the response; items are the stored JSON of each object.</summary>
    public static async Task List(HttpContext ctx, ResourceKind kind, ListPage page)
    {
        var items = page.Items;
        var info = kind.Info();
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        await using var w = new Utf8JsonWriter(ctx.Response.BodyWriter);
        w.WriteStartObject();
        w.WriteString("kind", info.Kind + "List");
        w.WriteString("apiVersion", info.ApiVersion);
        WriteListMeta(w, page);
        w.WriteStartArray("items");
        var chunks = new ChunkFlusher(w, ctx.Response.BodyWriter);
        foreach (var item in items)
        {
            w.WriteRawValue(item.Json, skipInputValidation: true);
            await chunks.MaybeFlushAsync(ctx.RequestAborted);
        }

        w.WriteEndArray();
        w.WriteEndObject();
        await w.FlushAsync(ctx.RequestAborted);
    }

    public static async Task Table(HttpContext ctx, ResourceKind kind, ListPage page, DateTimeOffset now)
    {
        ctx.Response.StatusCode = 200;
        ctx.Response.ContentType = "application/json";
        await using var w = new Utf8JsonWriter(ctx.Response.BodyWriter);
        await WriteTableAsync(w, ctx.Response.BodyWriter, kind, page, now, IncludeObject(ctx), ctx.RequestAborted);
        await w.FlushAsync(ctx.RequestAborted);
    }

    public static bool IncludeObject(HttpContext ctx) => ctx.Request.Query["includeObject"].ToString() != "None";

    public static async Task WriteTableAsync(Utf8JsonWriter w, System.IO.Pipelines.PipeWriter pipe, ResourceKind kind, ListPage page, DateTimeOffset now, bool includeObject, CancellationToken ct)
    {
        var items = page.Items;
        w.WriteStartObject();
        w.WriteString("kind", "Table");
        w.WriteString("apiVersion", "meta.k8s.io/v1");
        WriteListMeta(w, page);
        w.WriteStartArray("columnDefinitions");
        foreach (var (name, type, priority) in TableColumns.For(kind))
        {
            w.WriteStartObject();
            w.WriteString("name", name);
            w.WriteString("type", type);
            w.WriteString("format", name == "Name" ? "name" : "");
            w.WriteString("description", name);
            w.WriteNumber("priority", priority);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteStartArray("rows");
        var chunks = new ChunkFlusher(w, pipe);
        foreach (var item in items)
        {
            w.WriteStartObject();
            w.WriteStartArray("cells");
            foreach (var cell in item.TableCells(now))
            {
                switch (cell)
                {
                    case int i:
                        w.WriteNumberValue(i);
                        break;
                    case null:
                        w.WriteNullValue();
                        break;
                    default:
                        w.WriteStringValue(cell.ToString());
                        break;
                }
            }

            w.WriteEndArray();
            if (includeObject)
            {
                w.WritePropertyName("object");
                w.WriteRawValue(item.Json, skipInputValidation: true);
            }

            w.WriteEndObject();
            await chunks.MaybeFlushAsync(ct);
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteListMeta(Utf8JsonWriter w, ListPage page)
    {
        w.WriteStartObject("metadata");
        w.WriteString("resourceVersion", page.ResourceVersion.ToString(CultureInfo.InvariantCulture));
        if (page.Continue is { } next)
        {
            w.WriteString("continue", next);
            w.WriteNumber("remainingItemCount", page.Remaining ?? 0);
        }

        w.WriteEndObject();
    }
}
