using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;
using Microsoft.AspNetCore.Http;

namespace Federation.Members.Simulation;

/// <summary>The resource endpoints: list/watch/get for every kind, writes for namespaces, deployments, pods, nodes.</summary>
internal sealed partial class ResourceRoutes(ClusterEngine engine, FaultState faults)
{
    private readonly DeploymentStore _deployments = new(engine);
    private readonly WatchStream _watch = new(engine, faults);
    private readonly ListPages _pages = new(engine.Store);

    private ObjectStore Store => engine.Store;

    public Task HandleAsync(HttpContext ctx, ResourceKind kind, string? ns, string? name, string? subresource)
    {
        var method = ctx.Request.Method;
        if (KindRules.Handles(kind) && !(method == "GET" && subresource is null))
        {
            return GenericWriteAsync(ctx, kind, ns!, name, subresource);
        }

        if (name is null)
        {
            return method switch
            {
                "GET" => ListOrWatchAsync(ctx, kind, ns),
                "POST" when ns is not null || kind == ResourceKind.Namespace => CreateAsync(ctx, kind, ns ?? ""),
                _ => throw ApiException.MethodNotAllowed(),
            };
        }

        if (subresource is not null)
        {
            return (kind, subresource, method) switch
            {
                (ResourceKind.Deployment, "scale" or "status", _) => DeploymentSubresourceAsync(ctx, ns!, name, subresource),
                (ResourceKind.Pod, "log", "GET") => PodLogs.ServeAsync(ctx, engine, ns!, name),
                _ => throw ApiException.NotFound(kind, $"{name}/{subresource}"),
            };
        }

        return method switch
        {
            "GET" => GetAsync(ctx, kind, ns ?? "", name),
            "PUT" when kind == ResourceKind.Deployment => ReplaceAsync(ctx, ns!, name),
            "PATCH" when kind == ResourceKind.Deployment => PatchAsync(ctx, ns!, name),
            "PATCH" when kind is ResourceKind.Pod or ResourceKind.Namespace or ResourceKind.Node => MetadataPatchAsync(ctx, kind, ns ?? "", name),
            "DELETE" => DeleteAsync(ctx, kind, ns ?? "", name),
            _ => throw ApiException.MethodNotAllowed(),
        };
    }

    private async Task ListOrWatchAsync(HttpContext ctx, ResourceKind kind, string? ns)
    {
        var q = ctx.Request.Query;
        var labels = LabelSelector.Parse(q["labelSelector"]);
        var fields = FieldSelector.Parse(q["fieldSelector"]);
        fields.Validate(kind);
        Func<StoredObject, bool> filter = labels.IsEmpty && fields.IsEmpty
            ? _ => true
            : o => labels.Matches(o.Labels) && fields.Matches(o);
        Func<StoredObject, bool> scoped = ns is null ? filter : o => o.Namespace == ns && filter(o);
        var table = Responses.WantsTable(ctx);
        if (q["watch"] is var watch && (watch == "true" || watch == "1"))
        {
            var timeout = int.TryParse(q["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds) : (TimeSpan?)null;
            var bookmarks = q["allowWatchBookmarks"] == "true";
            await _watch.ServeAsync(ctx, kind, ns, scoped, new WatchOptions(q["resourceVersion"], bookmarks, timeout, table));
            return;
        }

        ListPage page;
        var query = $"{kind}|{ns}|{q["labelSelector"]}|{q["fieldSelector"]}";
        using (await Store.RequestTurnAsync(ctx.RequestAborted))
        {
            lock (Store.Gate)
            {
                page = _pages.Take(kind, query, () => Store.Table(kind).Snapshot(ns, filter), ListPages.Limit(q["limit"]), q["continue"]);
            }
        }

        await (table ? Responses.Table(ctx, kind, page, engine.Now) : Responses.List(ctx, kind, page));
    }

    private async Task GetAsync(HttpContext ctx, ResourceKind kind, string ns, string name)
    {
        StoredObject obj;
        using (await Store.RequestTurnAsync(ctx.RequestAborted))
        {
            lock (Store.Gate)
            {
                obj = Store.Get(kind, ns, name) ?? throw ApiException.NotFound(kind, name);
            }
        }

        await (Responses.WantsTable(ctx)
            ? Responses.Table(ctx, kind, new ListPage([obj], obj.ResourceVersion), engine.Now)
            : Responses.Json(ctx, 200, obj.Json));
    }

    private async Task CreateAsync(HttpContext ctx, ResourceKind kind, string ns)
    {
        var body = await ReadJsonAsync(ctx);
        FieldValidation.Check(ctx, kind, body, patch: false);
        StoredObject created;
        using (await Store.RequestTurnAsync(ctx.RequestAborted))
        {
            lock (Store.Gate)
            {
                created = kind switch
                {
                    ResourceKind.Deployment => _deployments.Create(ns, Parse<V1Deployment>(body), Manager(ctx), "Update"),
                    ResourceKind.Namespace => NamespaceOps.Create(engine, Parse<V1Namespace>(body)),
                    ResourceKind.Pod => engine.CreateBarePod(ns, Parse<V1Pod>(body)),
                    _ => throw ApiException.MethodNotAllowed(),
                };
            }
        }

        await Responses.Json(ctx, 201, created.Json);
    }

    private async Task ReplaceAsync(HttpContext ctx, string ns, string name)
    {
        var json = await ReadJsonAsync(ctx);
        FieldValidation.Check(ctx, ResourceKind.Deployment, json, patch: false);
        var body = Parse<V1Deployment>(json);
        StoredObject updated;
        using (await Store.RequestTurnAsync(ctx.RequestAborted))
        {
            lock (Store.Gate)
            {
                updated = _deployments.Update(_deployments.Get(ns, name), body, Manager(ctx), "Update");
            }
        }

        await Responses.Json(ctx, 200, updated.Json);
    }

    private async Task PatchAsync(HttpContext ctx, string ns, string name)
    {
        var type = PatchType(ctx);
        var body = YamlJson.Parse(await ReadBodyAsync(ctx), allowYaml: type == "apply");
        FieldValidation.Check(ctx, ResourceKind.Deployment, body, patch: true);
        var q = ctx.Request.Query;
        StoredObject result;
        var created = false;
        using (await Store.RequestTurnAsync(ctx.RequestAborted))
        {
            lock (Store.Gate)
            {
                if (type == "apply")
                {
                    created = Store.Get(ResourceKind.Deployment, ns, name) is null;
                    result = new ServerSideApply(_deployments, engine).Apply(ns, name, body, q["fieldManager"], q["force"] == "true");
                }
                else
                {
                    var existing = _deployments.Get(ns, name);
                    var patched = ApplyPatch(type, KubeJson.ToNode(existing.Model), body);
                    result = _deployments.Update(existing, Parse<V1Deployment>(patched), Manager(ctx), "Update");
                }
            }
        }

        await Responses.Json(ctx, created ? 201 : 200, result.Json);
    }

    /// <summary>
    /// A patch of a pod, namespace or node (<c>kubectl apply</c>, <c>label</c>, <c>annotate</c>, <c>cordon</c>): this
    /// member lets their labels and annotations (and a node's cordon) change, and refuses any other change with 422.
    /// </summary>
    private async Task MetadataPatchAsync(HttpContext ctx, ResourceKind kind, string ns, string name)
    {
        var type = PatchType(ctx);
        var body = YamlJson.Parse(await ReadBodyAsync(ctx), allowYaml: type == "apply");
        FieldValidation.Check(ctx, kind, body, patch: true);
        StoredObject result;
        using (await Store.RequestTurnAsync(ctx.RequestAborted))
        {
            lock (Store.Gate)
            {
                var existing = Store.Get(kind, ns, name) ?? throw ApiException.NotFound(kind, name);
                var before = JsonNode.Parse(existing.Json)!.AsObject();
                var after = ApplyPatch(type == "apply" ? "strategic" : type, before.DeepClone(), body) as JsonObject
                    ?? throw ApiException.BadRequest("the patch must leave an object");
                var labels = Strings(after["metadata"]?["labels"]);
                var annotations = Strings(after["metadata"]?["annotations"]);
                var cordoned = after["spec"]?["unschedulable"]?.GetValueKind() == System.Text.Json.JsonValueKind.True;
                if (!JsonNode.DeepEquals(WithoutUserFields(before), WithoutUserFields(after)))
                {
                    var what = kind == ResourceKind.Node ? "metadata.labels, metadata.annotations and spec.unschedulable" : "metadata.labels and metadata.annotations";
                    throw ApiException.Invalid(kind, name, [("metadata", $"Forbidden: only {what} of a {kind} can change on this member")]);
                }

                if (existing is StoredNode)
                {
                    result = engine.PatchNode(name, n => n with { NodeLabels = labels ?? new Dictionary<string, string>(), NodeAnnotations = annotations, Unschedulable = cordoned });
                }
                else
                {
                    var version = Store.NextResourceVersion();
                    result = existing switch
                    {
                        StoredPod pod => pod with { OwnLabels = labels, OwnAnnotations = annotations, ResourceVersion = version },
                        StoredNamespace n => n with { NamespaceLabels = labels, NamespaceAnnotations = annotations, ResourceVersion = version },
                        _ => throw ApiException.MethodNotAllowed(),
                    };
                    Store.Put(result, added: false);
                }
            }
        }

        await Responses.Json(ctx, 200, result.Json);
    }

    /// <summary>The object without what users may change on it (labels, annotations, a node's cordon) and what the server keeps.</summary>
    private static JsonObject WithoutUserFields(JsonObject obj)
    {
        var copy = obj.DeepClone().AsObject();
        if (copy["metadata"] is JsonObject metadata)
        {
            foreach (var field in new[] { "labels", "annotations", "resourceVersion", "managedFields" })
            {
                metadata.Remove(field);
            }
        }

        (copy["spec"] as JsonObject)?.Remove("unschedulable");
        return copy;
    }

    private static Dictionary<string, string>? Strings(JsonNode? map) => map is JsonObject o
        ? o.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.ToString(), StringComparer.Ordinal)
        : null;

    private async Task DeploymentSubresourceAsync(HttpContext ctx, string ns, string name, string subresource)
    {
        var method = ctx.Request.Method;
        var type = method == "PATCH" ? PatchType(ctx) : null;
        var body = method is "PUT" or "PATCH" ? YamlJson.Parse(await ReadBodyAsync(ctx), allowYaml: false) : null;
        object response;
        using (await Store.RequestTurnAsync(ctx.RequestAborted))
        {
            lock (Store.Gate)
            {
                var existing = _deployments.Get(ns, name);
                if (subresource == "scale")
                {
                    var scale = method switch
                    {
                        "GET" => null,
                        "PUT" => Parse<V1Scale>(body),
                        "PATCH" => Parse<V1Scale>(ApplyPatch(type!, KubeJson.ToNode(_deployments.ToScale(existing)), body)),
                        _ => throw ApiException.MethodNotAllowed(),
                    };
                    response = _deployments.ToScale(scale is null ? existing : _deployments.Scale(existing, scale, Manager(ctx)));
                }
                else
                {
                    var status = method switch
                    {
                        "GET" => null,
                        "PUT" => Parse<V1Deployment>(body),
                        "PATCH" => Parse<V1Deployment>(ApplyPatch(type!, KubeJson.ToNode(existing.Model), body)),
                        _ => throw ApiException.MethodNotAllowed(),
                    };
                    response = status is null ? existing : _deployments.UpdateStatus(existing, status);
                }
            }
        }

        await (response is StoredObject stored ? Responses.Json(ctx, 200, stored.Json) : Responses.Model(ctx, 200, response));
    }

    private async Task DeleteAsync(HttpContext ctx, ResourceKind kind, string ns, string name)
    {
        var raw = await ReadBodyAsync(ctx);
        var options = raw.Length == 0 ? null : Parse<V1DeleteOptions>(YamlJson.Parse(raw, allowYaml: false));
        StoredObject deleted;
        using (await Store.RequestTurnAsync(ctx.RequestAborted))
        {
            lock (Store.Gate)
            {
                deleted = kind switch
                {
                    ResourceKind.Deployment => _deployments.Delete(ns, name, options),
                    ResourceKind.Namespace => NamespaceOps.Delete(engine, name),
                    ResourceKind.Pod => engine.DeletePodByApi(ns, name),
                    _ => DeleteNode(name),
                };
            }
        }

        // Pods and namespaces answer with the object, like the API server; deployments with a Status.
        await (kind is ResourceKind.Pod or ResourceKind.Namespace ? Responses.Json(ctx, 200, deleted.Json) : Responses.Success(ctx, deleted));
    }

    private StoredObject DeleteNode(string name)
    {
        var node = Store.Get(ResourceKind.Node, "", name) ?? throw ApiException.NotFound(ResourceKind.Node, name);
        engine.RemoveNode(name);
        return node;
    }

    private static JsonNode ApplyPatch(string type, JsonNode current, JsonNode? patch) => type switch
    {
        "merge" => Patches.Merge(current, patch, strategic: false) ?? throw ApiException.BadRequest("patch produced null"),
        "strategic" => Patches.Merge(current, patch, strategic: true) ?? throw ApiException.BadRequest("patch produced null"),
        "json" => Patches.Json(current, patch),
        _ => throw ApiException.UnsupportedMediaType(type),
    };

    private static string PatchType(HttpContext ctx)
    {
        var contentType = ctx.Request.ContentType?.Split(';')[0].Trim();
        return contentType switch
        {
            "application/merge-patch+json" => "merge",
            "application/strategic-merge-patch+json" => "strategic",
            "application/json-patch+json" => "json",
            "application/apply-patch+yaml" or "application/apply-patch+cbor" => "apply",
            _ => throw ApiException.UnsupportedMediaType(contentType),
        };
    }

    private static string Manager(HttpContext ctx)
    {
        if (ctx.Request.Query["fieldManager"].ToString() is { Length: > 0 } manager)
        {
            return manager;
        }

        // As the API server does: the user agent up to the first slash.
        var agent = ctx.Request.Headers.UserAgent.ToString();
        var slash = agent.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 ? agent[..slash] : agent.Length > 0 ? agent : "unknown";
    }

    private static async Task<byte[]> ReadBodyAsync(HttpContext ctx)
    {
        using var buffer = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(buffer, ctx.RequestAborted);
        return buffer.ToArray();
    }

    /// <summary>A created or replaced object: JSON, YAML, or kubectl's protobuf envelope.</summary>
    private static async Task<JsonNode?> ReadJsonAsync(HttpContext ctx)
    {
        var body = await ReadBodyAsync(ctx);
        return KubeProtobuf.IsProtobuf(ctx.Request.ContentType) ? KubeProtobuf.Decode(body) : YamlJson.Parse(body, allowYaml: true);
    }

    private static T Parse<T>(JsonNode? node)
        where T : class
    {
        if (node is not JsonObject)
        {
            throw ApiException.BadRequest("the body of the request must be a JSON object");
        }

        try
        {
            return KubeJson.FromNode<T>(node);
        }
        catch (Exception e) when (e is JsonException or FormatException or InvalidOperationException or NotSupportedException)
        {
            throw ApiException.BadRequest($"the body of the request could not be decoded: {e.Message}");
        }
    }
}
