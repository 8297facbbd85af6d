using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Federation.Members.Simulation;

/// <summary>The <c>/_sim</c> fault-injection routes; they keep answering during an outage.</summary>
internal sealed class AdminRoutes(ClusterEngine cluster, FaultState faults)
{
    public async Task HandleAsync(HttpContext ctx, string[] s)
    {
        var method = ctx.Request.Method;
        var body = method is "POST" or "PUT" ? await ReadAsync(ctx) : new JsonObject();
        try
        {
            Dispatch(method, s, body);
        }
        catch (Exception e) when (e is InvalidOperationException or FormatException or OverflowException)
        {
            throw ApiException.BadRequest(e.Message);
        }

        await Responses.Json(ctx, 200, new JsonObject { ["ok"] = true });
    }

    private void Dispatch(string method, string[] s, JsonObject body)
    {
        switch (method, s)
        {
            case ("POST", ["outage"]):
                var mode = Str(body, "mode") switch
                {
                    "refuse" => OutageMode.Refuse,
                    "error" => OutageMode.Error,
                    "hang" => OutageMode.Hang,
                    var other => throw ApiException.BadRequest($"mode must be refuse, error or hang (got \"{other}\")"),
                };
                var seconds = body["seconds"] is { } n ? n.GetValue<double>() : (double?)null;
                faults.SetOutage(mode, seconds is { } sec ? TimeSpan.FromSeconds(sec) : null);
                break;
            case ("POST", ["recover"]):
                faults.Recover();
                break;
            case ("POST", ["nodes"]):
                cluster.AddNode(
                    Str(body, "name") ?? throw ApiException.BadRequest("name is required"),
                    Quantities.Parse(Str(body, "cpu") ?? "4", milli: true),
                    Quantities.Parse(Str(body, "memory") ?? "8Gi", milli: false));
                break;
            case ("POST", ["nodes", var node, "ready"]):
                cluster.SetNodeReady(node, body["ready"]?.GetValue<bool>() ?? throw ApiException.BadRequest("ready is required"));
                break;
            case ("DELETE", ["nodes", var node]):
                cluster.RemoveNode(node);
                break;
            case ("POST", ["latency"]):
                faults.Latency = TimeSpan.FromMilliseconds(body["ms"]?.GetValue<double>() ?? 0);
                break;
            case ("POST", ["deployments", var ns, var name, "unhealthy"]):
                cluster.SetDeploymentUnhealthy(ns, name, body["unhealthy"]?.GetValue<bool>() ?? true);
                break;
            case ("POST", ["images"]):
                cluster.SetImage(
                    Str(body, "image") is { Length: > 0 } image ? image : throw ApiException.BadRequest("image is required"),
                    body["ready"]?.GetValue<bool>() ?? !(body["crash"]?.GetValue<bool>() ?? false),
                    body["crash"]?.GetValue<bool>() ?? false);
                break;
            case ("POST", ["compact"]):
                lock (cluster.Store.Gate)
                {
                    cluster.Store.Compact();
                }

                break;
            default:
                throw new ApiException(404, "NotFound", $"no simulator route {method} /_sim/{string.Join('/', s)}");
        }
    }

    /// <summary>Numbers are accepted where quantities are expected ("cpu": 4).</summary>
    private static string? Str(JsonObject body, string name) => body[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var text) => text,
        var other => other.ToJsonString(),
    };

    private static async Task<JsonObject> ReadAsync(HttpContext ctx)
    {
        using var buffer = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(buffer, ctx.RequestAborted);
        if (buffer.Length == 0)
        {
            return new JsonObject();
        }

        try
        {
            return JsonNode.Parse(buffer.ToArray()) as JsonObject ?? throw ApiException.BadRequest("body must be a JSON object");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw ApiException.BadRequest(e.Message);
        }
    }
}
