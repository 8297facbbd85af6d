using System.Text.Json.Nodes;

namespace Federation.Members.Simulation;

/// <summary>
/// The leaf fields of an object, each as a path of FieldsV1 keys (<c>f:spec</c>, <c>k:{"name":"web"}</c>),
/// with its value; and the conversion between such path sets and a FieldsV1 document.
/// </summary>
internal static class FieldPaths
{
    public const char Separator = '\n';

    /// <summary>Leaf paths of metadata.labels, metadata.annotations and spec, mapped to their JSON value.</summary>
    public static Dictionary<string, string> Collect(JsonNode? obj)
    {
        var into = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj is not JsonObject o)
        {
            return into;
        }

        if (o["metadata"] is JsonObject meta)
        {
            foreach (var part in new[] { "labels", "annotations" })
            {
                if (meta[part] is JsonObject values)
                {
                    Walk(values, $"f:metadata{Separator}f:{part}", part, into);
                }
            }
        }

        if (o["spec"] is { } spec)
        {
            Walk(spec, "f:spec", "spec", into);
        }

        return into;
    }

    public static JsonObject ToFieldsV1(IEnumerable<string> paths)
    {
        var root = new JsonObject();
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            var node = root;
            foreach (var segment in path.Split(Separator))
            {
                if (node[segment] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[segment] = child;
                }

                node = child;
            }
        }

        return root;
    }

    public static HashSet<string> FromFieldsV1(JsonNode? fields)
    {
        var into = new HashSet<string>(StringComparer.Ordinal);
        if (fields is JsonObject o)
        {
            Read(o, "", into);
        }

        return into;
    }

    /// <summary>The path as the API server prints it in a conflict: <c>.spec.template.spec.containers[name="web"].image</c>.</summary>
    public static string Display(string path)
    {
        var text = "";
        foreach (var segment in path.Split(Separator))
        {
            if (segment.StartsWith("f:", StringComparison.Ordinal))
            {
                text += "." + segment[2..];
            }
            else if (segment.StartsWith("k:", StringComparison.Ordinal) && JsonNode.Parse(segment[2..]) is JsonObject key)
            {
                text += "[" + string.Join(",", key.Select(p => $"{p.Key}={p.Value?.ToJsonString()}")) + "]";
            }
        }

        return text;
    }

    public static string KeySegment(string keyField, JsonNode keyValue) =>
        "k:" + new JsonObject { [keyField] = keyValue.DeepClone() }.ToJsonString();

    private static void Walk(JsonNode node, string path, string field, Dictionary<string, string> into)
    {
        switch (node)
        {
            case JsonObject o when o.Count > 0:
                foreach (var (name, child) in o)
                {
                    if (child is not null)
                    {
                        Walk(child, $"{path}{Separator}f:{name}", name, into);
                    }
                }

                break;
            case JsonArray a when MergeKeys.For(field) is { } key && a.All(e => e is JsonObject eo && eo[key] is not null):
                foreach (var element in a.Cast<JsonObject>())
                {
                    var elementPath = $"{path}{Separator}{KeySegment(key, element[key]!)}";
                    into[elementPath + Separator + "."] = "";
                    Walk(element, elementPath, "", into);
                }

                break;
            default:
                into[path] = node.ToJsonString();
                break;
        }
    }

    private static void Read(JsonObject node, string path, HashSet<string> into)
    {
        if (node.Count == 0 && path.Length > 0)
        {
            into.Add(path);
            return;
        }

        foreach (var (name, child) in node)
        {
            var childPath = path.Length == 0 ? name : $"{path}{Separator}{name}";
            if (name == ".")
            {
                into.Add(childPath);
            }
            else if (child is JsonObject o)
            {
                Read(o, childPath, into);
            }
        }
    }
}
