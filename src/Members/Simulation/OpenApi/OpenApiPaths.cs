using System.Text.Json.Nodes;

namespace Federation.Members.Simulation;

/// <summary>The path items of one kind, with Kubernetes' operation extensions (action, group-version-kind).</summary>
internal static class OpenApiPaths
{
    public static IEnumerable<(string Path, JsonObject Item)> For(ResourceInfo info, string reference)
    {
        var prefix = $"/{info.GroupPath}";
        var collection = info.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{info.Plural}" : $"{prefix}/{info.Plural}";
        var verbs = info.Verbs.ToHashSet(StringComparer.Ordinal);

        var list = new JsonObject { ["get"] = Operation(info, "list", reference, write: false) };
        if (verbs.Contains("create"))
        {
            list["post"] = Operation(info, "post", reference, write: true);
        }

        yield return (collection, list);
        if (info.Namespaced)
        {
            yield return ($"{prefix}/{info.Plural}", new JsonObject { ["get"] = Operation(info, "list", reference, write: false) });
        }

        var item = new JsonObject { ["get"] = Operation(info, "get", reference, write: false) };
        if (verbs.Contains("update"))
        {
            item["put"] = Operation(info, "put", reference, write: true);
        }

        if (verbs.Contains("patch"))
        {
            item["patch"] = Operation(info, "patch", reference, write: true);
        }

        if (verbs.Contains("delete"))
        {
            item["delete"] = Operation(info, "delete", reference, write: false);
        }

        yield return ($"{collection}/{{name}}", item);
    }

    private static JsonObject Operation(ResourceInfo info, string action, string reference, bool write)
    {
        var parameters = new JsonArray();
        foreach (var name in write ? ["dryRun", "fieldManager", "fieldValidation"] : action == "list" ? (string[])["labelSelector", "fieldSelector", "limit", "continue", "watch"] : [])
        {
            parameters.Add(new JsonObject { ["name"] = name, ["in"] = "query", ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true } });
        }

        var operation = new JsonObject
        {
            ["operationId"] = $"{action}{info.Kind}",
            ["parameters"] = parameters,
            ["responses"] = new JsonObject
            {
                ["200"] = new JsonObject
                {
                    ["description"] = "OK",
                    ["content"] = new JsonObject { ["application/json"] = new JsonObject { ["schema"] = OpenApiSchemas.Ref(reference) } },
                },
            },
            ["x-kubernetes-action"] = action,
            ["x-kubernetes-group-version-kind"] = OpenApiSchemas.Gvk(info),
        };
        if (write)
        {
            var media = action == "patch" ? "application/strategic-merge-patch+json" : "application/json";
            operation["requestBody"] = new JsonObject
            {
                ["content"] = new JsonObject { [media] = new JsonObject { ["schema"] = OpenApiSchemas.Ref(reference) } },
                ["required"] = true,
            };
        }

        return operation;
    }
}
