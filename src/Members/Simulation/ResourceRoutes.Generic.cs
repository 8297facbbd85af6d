using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Federation.Members.Simulation;

/// <summary>Writes of the kinds stored as plain JSON: create, replace, patch (merge, strategic, JSON, apply), delete.</summary>
internal sealed partial class ResourceRoutes
{
    private ResourceStore? _resources;

    private ResourceStore Resources => _resources ??= new ResourceStore(engine);

    private async Task GenericWriteAsync(HttpContext ctx, ResourceKind kind, string ns, string? name, string? subresource)
    {
        if (subresource is not null)
        {
            throw ApiException.NotFound(kind, $"{name}/{subresource}");
        }

        var method = ctx.Request.Method;
        var patchType = method == "PATCH" ? PatchType(ctx) : null;
        JsonNode? body = method switch
        {
            "POST" or "PUT" => await ReadJsonAsync(ctx),
            "PATCH" => YamlJson.Parse(await ReadBodyAsync(ctx), allowYaml: patchType == "apply"),
            _ => null,
        };
        if (body is not null)
        {
            FieldValidation.Check(ctx, kind, body, patch: method == "PATCH");
        }

        StoredObject result;
        var status = 200;
        lock (Store.Gate)
        {
            switch (method, name)
            {
                case ("POST", null):
                    result = Resources.Create(kind, ns, Object(body));
                    status = 201;
                    break;
                case ("PUT", { } n):
                    result = Resources.Update(Resources.Get(kind, ns, n), Object(body));
                    break;
                case ("PATCH", { } n) when patchType == "apply" && Store.Get(kind, ns, n) is null:
                    // Server-side apply of a missing object creates it (field ownership is tracked for Deployments only).
                    var applied = Object(body);
                    (applied["metadata"] as JsonObject ?? []).Remove("resourceVersion");
                    result = Resources.Create(kind, ns, applied);
                    status = 201;
                    break;
                case ("PATCH", { } n):
                    var existing = Resources.Get(kind, ns, n);
                    var type = patchType == "apply" ? "strategic" : patchType!;
                    result = Resources.Update(existing, Object(ApplyPatch(type, existing.Node(), body)));
                    break;
                case ("DELETE", { } n):
                    result = Resources.Delete(kind, ns, n);
                    break;
                default:
                    throw ApiException.MethodNotAllowed();
            }
        }

        await (method == "DELETE" ? Responses.Success(ctx, result) : Responses.Json(ctx, status, result.Json));
    }

    private static JsonObject Object(JsonNode? node) =>
        node as JsonObject ?? throw ApiException.BadRequest("the body of the request must be a JSON object");
}
