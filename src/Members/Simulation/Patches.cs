using System.Globalization;
using System.Text.Json.Nodes;

namespace Federation.Members.Simulation;

/// <summary>
/// The three PATCH formats on JSON trees: JSON merge patch (RFC 7386), strategic merge patch
/// (merge patch whose known lists merge by key, with <c>$patch</c> directives), JSON patch (RFC 6902).
/// </summary>
internal static class Patches
{
    public static JsonNode? Merge(JsonNode? target, JsonNode? patch, bool strategic, string field = "")
    {
        if (patch is JsonArray patchList && strategic && target is JsonArray targetList && MergeKeys.For(field) is { } key)
        {
            return MergeList(targetList, patchList, key);
        }

        if (patch is not JsonObject patchObject)
        {
            return patch?.DeepClone();
        }

        if (strategic && patchObject["$patch"]?.GetValue<string>() == "replace")
        {
            var replaced = (JsonObject)patchObject.DeepClone();
            replaced.Remove("$patch");
            return replaced;
        }

        var result = target as JsonObject is { } t ? (JsonObject)t.DeepClone() : new JsonObject();
        foreach (var (name, value) in patchObject)
        {
            if (strategic && name.StartsWith('$'))
            {
                continue;
            }

            if (value is null)
            {
                result.Remove(name);
            }
            else
            {
                var merged = Merge(result[name], value, strategic, name);
                result.Remove(name);
                result[name] = merged;
            }
        }

        return result;
    }

    private static JsonArray MergeList(JsonArray target, JsonArray patch, string key)
    {
        var result = (JsonArray)target.DeepClone();
        foreach (var item in patch)
        {
            if (item is not JsonObject element || element[key] is not { } keyValue)
            {
                result.Add(item?.DeepClone());
                continue;
            }

            var index = IndexOf(result, key, keyValue);
            if (element["$patch"]?.GetValue<string>() == "delete")
            {
                if (index >= 0)
                {
                    result.RemoveAt(index);
                }

                continue;
            }

            if (index >= 0)
            {
                var merged = Merge(result[index], element, strategic: true);
                result.RemoveAt(index);
                result.Insert(index, merged);
            }
            else
            {
                result.Add(Merge(null, element, strategic: true));
            }
        }

        return result;
    }

    public static int IndexOf(JsonArray list, string key, JsonNode keyValue)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject o && JsonNode.DeepEquals(o[key], keyValue))
            {
                return i;
            }
        }

        return -1;
    }

    public static JsonNode Json(JsonNode document, JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw ApiException.BadRequest("json patch must be an array of operations");
        }

        var doc = document.DeepClone();
        foreach (var op in operations)
        {
            var kind = op?["op"]?.GetValue<string>();
            var path = op?["path"]?.GetValue<string>() ?? throw ApiException.BadRequest("json patch operation without a path");
            switch (kind)
            {
                case "add":
                    doc = Set(doc, path, op!["value"]?.DeepClone(), insert: true);
                    break;
                case "replace":
                    Locate(doc, path);
                    doc = Set(doc, path, op!["value"]?.DeepClone(), insert: false);
                    break;
                case "remove":
                    Remove(doc, path);
                    break;
                case "move":
                    var from = op!["from"]?.GetValue<string>() ?? throw ApiException.BadRequest("move without from");
                    var moved = Locate(doc, from)?.DeepClone();
                    Remove(doc, from);
                    doc = Set(doc, path, moved, insert: true);
                    break;
                case "copy":
                    var source = op!["from"]?.GetValue<string>() ?? throw ApiException.BadRequest("copy without from");
                    doc = Set(doc, path, Locate(doc, source)?.DeepClone(), insert: true);
                    break;
                case "test":
                    if (!JsonNode.DeepEquals(Locate(doc, path), op!["value"]))
                    {
                        throw new ApiException(422, "Invalid", $"the server rejected our request due to an error in our request: testing value {path} failed");
                    }

                    break;
                default:
                    throw ApiException.BadRequest($"Unexpected kind: {kind}");
            }
        }

        return doc;
    }

    private static string[] Tokens(string pointer) =>
        pointer.Length == 0 ? [] : pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();

    private static JsonNode? Locate(JsonNode doc, string pointer)
    {
        JsonNode? node = doc;
        foreach (var token in Tokens(pointer))
        {
            node = node switch
            {
                JsonObject o when o.ContainsKey(token) => o[token],
                JsonArray a when int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < a.Count => a[i],
                _ => throw new ApiException(422, "Invalid", $"the server rejected our request due to an error in our request: path {pointer} does not exist"),
            };
        }

        return node;
    }

    private static JsonNode Set(JsonNode doc, string pointer, JsonNode? value, bool insert)
    {
        var tokens = Tokens(pointer);
        if (tokens.Length == 0)
        {
            return value ?? throw ApiException.BadRequest("json patch cannot replace the whole object with null");
        }

        var parent = Locate(doc, "/" + string.Join('/', tokens[..^1].Select(t => t.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal))));
        var last = tokens[^1];
        switch (parent)
        {
            case JsonObject o:
                o[last] = value;
                break;
            case JsonArray a when last == "-":
                a.Add(value);
                break;
            case JsonArray a when int.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i <= a.Count:
                if (!insert)
                {
                    a.RemoveAt(i);
                }

                a.Insert(i, value);
                break;
            default:
                throw new ApiException(422, "Invalid", $"the server rejected our request due to an error in our request: cannot set {pointer}");
        }

        return doc;
    }

    private static void Remove(JsonNode doc, string pointer)
    {
        var tokens = Tokens(pointer);
        Locate(doc, pointer);
        var parentPath = tokens.Length <= 1 ? "" : "/" + string.Join('/', tokens[..^1].Select(t => t.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)));
        switch (Locate(doc, parentPath))
        {
            case JsonObject o:
                o.Remove(tokens[^1]);
                break;
            case JsonArray a:
                a.RemoveAt(int.Parse(tokens[^1], CultureInfo.InvariantCulture));
                break;
        }
    }
}
