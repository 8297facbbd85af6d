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
            await (kind == ResourceKind.StatefulSet && subresource == "scale" && name is not null
                ? ScaleAsync(ctx, kind, ns, name)
                : throw ApiException.NotFound(kind, $"{name}/{subresource}"));
            return;
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
        using (await Store.RequestTurnAsync(ctx.RequestAborted))
        {
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
        }

        await (method == "DELETE" ? Responses.Success(ctx, result) : Responses.Json(ctx, status, result.Json));
    }

    /// <summary>The scale subresource (autoscaling/v1 Scale) of a kind with spec.replicas and a selector.</summary>
    private async Task ScaleAsync(HttpContext ctx, ResourceKind kind, string ns, string name)
    {
        var method = ctx.Request.Method;
        var patchType = method == "PATCH" ? PatchType(ctx) : null;
        var body = method is "PUT" or "PATCH" ? YamlJson.Parse(await ReadBodyAsync(ctx), allowYaml: false) : null;
        JsonObject scale;
        using (await Store.RequestTurnAsync(ctx.RequestAborted))
        {
            lock (Store.Gate)
            {
                var existing = Resources.Get(kind, ns, name);
                scale = ToScale(existing);
                if (method is "PUT" or "PATCH")
                {
                    var wanted = method == "PUT" ? Object(body) : Object(ApplyPatch(patchType!, scale, body));
                    if (!int.TryParse(wanted["spec"]?["replicas"]?.ToString(), out var replicas) || replicas < 0)
                    {
                        throw ApiException.Invalid(kind, name, [("spec.replicas", $"Invalid value: {wanted["spec"]?["replicas"]?.ToJsonString() ?? "null"}: must be greater than or equal to 0")]);
                    }

                    var obj = existing.Node();
                    obj["spec"]!["replicas"] = replicas;
                    scale = ToScale(Resources.Update(existing, obj));
                }
                else if (method != "GET")
                {
                    throw ApiException.MethodNotAllowed();
                }
            }
        }

        await Responses.Json(ctx, 200, scale);
    }

    private static JsonObject ToScale(StoredResource stored)
    {
        var obj = stored.Node();
        var selector = obj["spec"]?["selector"] is JsonObject s ? LabelSelector.Format(KubeJson.FromNode<k8s.Models.V1LabelSelector>(s)) : "";
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = new JsonObject
            {
                ["name"] = stored.Name, ["namespace"] = stored.Namespace, ["uid"] = stored.Uid,
                ["resourceVersion"] = obj["metadata"]!["resourceVersion"]!.DeepClone(), ["creationTimestamp"] = obj["metadata"]!["creationTimestamp"]!.DeepClone(),
            },
            ["spec"] = new JsonObject { ["replicas"] = obj["spec"]?["replicas"]?.DeepClone() },
            ["status"] = new JsonObject { ["replicas"] = obj["status"]?["replicas"]?.DeepClone() ?? 0, ["selector"] = selector },
        };
    }

    private static JsonObject Object(JsonNode? node) =>
        node as JsonObject ?? throw ApiException.BadRequest("the body of the request must be a JSON object");
}
