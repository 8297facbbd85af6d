using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Federation.Members.Simulation;

/// <summary>
/// Top-level dispatch: fault-injection routes first (they answer during an outage), then the
/// outage and latency gate, then health, discovery and resources.
/// </summary>
internal sealed class ApiRouter(ClusterEngine engine, FaultState faults, AdminRoutes admin, Authentication auth, Func<string> serverAddress)
{
    private const string UserKey = "sim.user";

    private readonly ResourceRoutes _resources = new(engine, faults);

    public async Task HandleAsync(HttpContext ctx)
    {
        try
        {
            var path = ctx.Request.Path.Value ?? "/";
            var segments = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            if (segments.Length > 0 && segments[0] == "_sim")
            {
                await admin.HandleAsync(ctx, segments[1..]);
                return;
            }

            if (!await PassFaultsAsync(ctx))
            {
                return;
            }

            // Health and version stay public without credentials (the public-info-viewer role); a wrong token is refused everywhere.
            var open = segments is ["healthz" or "readyz" or "livez" or "version", ..] && ctx.Request.Headers.Authorization.Count == 0;
            var user = open ? null : auth.Authenticate(ctx);
            ctx.Items[UserKey] = user;
            await RouteAsync(ctx, segments);
        }
        catch (ApiException e) when (!ctx.Response.HasStarted)
        {
            await Responses.Error(ctx, e);
        }
        catch (OperationCanceledException) when (ctx.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nothing to answer.
        }
        catch (Exception e) when (!ctx.Response.HasStarted && e is not OperationCanceledException)
        {
            // A simulator defect must still look like an API server failure, with the cause in the message.
            await Responses.Error(ctx, new ApiException(500, "InternalError", $"Internal error occurred: {e}"));
        }
    }

    /// <summary>Applies the injected latency and outage; false when the request must not be served.</summary>
    private async Task<bool> PassFaultsAsync(HttpContext ctx)
    {
        if (faults.Latency > TimeSpan.Zero)
        {
            await Task.Delay(faults.Latency, engine.Time, ctx.RequestAborted);
        }

        while (faults.Mode is { } mode)
        {
            switch (mode)
            {
                case OutageMode.Refuse:
                    ctx.Abort();
                    return false;
                case OutageMode.Error:
                    await Responses.Error(ctx, new ApiException(503, "ServiceUnavailable", "the server is currently unable to handle the request"));
                    return false;
                default:
                    await faults.Recovered.WaitAsync(ctx.RequestAborted);
                    break;
            }
        }

        return true;
    }

    private Task RouteAsync(HttpContext ctx, string[] s)
    {
        var get = ctx.Request.Method == "GET";
        switch (s)
        {
            case ["healthz" or "readyz" or "livez", ..]:
                ctx.Response.ContentType = "text/plain";
                return ctx.Response.WriteAsync("ok", ctx.RequestAborted);
            case ["version"] when get:
                return Responses.Json(ctx, 200, Discovery.Version());
            case ["openapi", ..] when get:
                return OpenApi(ctx, s[1..]);
            case ["api"] when get:
                return Responses.Json(ctx, 200, Discovery.ApiVersions(serverAddress()));
            case ["api", var version] when get:
                return Found(ctx, Discovery.Resources("", version));
            case ["apis"] when get:
                return Responses.Json(ctx, 200, Discovery.ApiGroupList());
            case ["apis", var group] when get:
                return Found(ctx, Discovery.GroupDocument(group));
            case ["apis", var group, var version] when get:
                return Found(ctx, Discovery.Resources(group, version));
            case ["api", "v1", .. var rest]:
                return Resource(ctx, "", rest);
            case ["apis", var group, "v1", .. var rest]:
                return Resource(ctx, group, rest);
            default:
                return NotFound(ctx);
        }
    }

    /// <summary>OpenAPI v3 (index and per group version) and v2 as JSON; v2 as protobuf is not served (406).</summary>
    private static Task OpenApi(HttpContext ctx, string[] s) => s switch
    {
        ["v3"] => Responses.Json(ctx, 200, OpenApiDocuments.Index),
        ["v3", .. var gv] when OpenApiDocuments.Document(string.Join('/', gv)) is { } document => Responses.Json(ctx, 200, document),
        ["v2"] when ctx.Request.Headers.Accept.ToString() is var accept && (accept.Length == 0 || accept.Contains("json", StringComparison.Ordinal) || accept.Contains("*/*", StringComparison.Ordinal))
            => Responses.Json(ctx, 200, OpenApiDocuments.Swagger),
        ["v2"] => Responses.Error(ctx, new ApiException(406, "NotAcceptable", "only application/json is served for /openapi/v2")),
        _ => NotFound(ctx),
    };

    private static Task Found(HttpContext ctx, JsonObject? document) => document is null ? NotFound(ctx) : Responses.Json(ctx, 200, document);

    private Task Resource(HttpContext ctx, string group, string[] rest)
    {
        // [plural], [plural, name], [namespaces, ns, plural, name?, subresource?]
        string? ns = null;
        if (rest is ["namespaces", var n, _, ..] && !(group == "" && rest.Length == 3 && rest[2] is "status" or "finalize"))
        {
            ns = n;
            rest = rest[2..];
        }

        if (rest.Length is 0 or > 3 || ResourceKinds.Find(group, rest[0]) is not { } kind)
        {
            return NotFound(ctx);
        }

        var info = kind.Info();
        if (info.Namespaced != (ns is not null) && !(info.Namespaced && rest.Length == 1 && ns is null))
        {
            return NotFound(ctx);
        }

        var name = rest.Length > 1 ? rest[1] : null;
        auth.Authorize(ctx.Items[UserKey] as string, ctx.Request.Method, info, ns, name);
        return _resources.HandleAsync(ctx, kind, ns, name, rest.Length > 2 ? rest[2] : null);
    }

    private static Task NotFound(HttpContext ctx) =>
        Responses.Json(ctx, 404, new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = "the server could not find the requested resource",
            ["reason"] = "NotFound",
            ["details"] = new JsonObject(),
            ["code"] = 404,
        });
}
