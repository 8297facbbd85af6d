using System.Text.Json.Nodes;
using Federation.Capacity;

namespace Federation.Workloads.Overrides;

/// <summary>The overriders that change containers: image, command and args, env, resources.</summary>
internal static class ContainerOverriders
{
    public static void Image(JsonArray containers, ImageOverrider o, string path)
    {
        var component = Operator.Of(o.Component, $"{path}.component", "Registry", "Repository", "Tag", "Digest");
        var op = Operator.Of(o.Operator, $"{path}.operator", "add", "replace", "remove");
        if (op != "remove" && string.IsNullOrWhiteSpace(o.Value))
        {
            throw new InvalidOverrideException($"{path}.value", $"is required to {op} the {component.ToLowerInvariant()}");
        }

        if (op == "remove" && component == "Repository")
        {
            throw new InvalidOverrideException($"{path}.operator", "remove cannot apply to the repository: an image needs one");
        }

        foreach (var container in Selected(containers, o.Container, path))
        {
            var image = ImageReference.Parse((string?)container["image"] ?? "");
            var current = component switch { "Registry" => image.Registry, "Repository" => image.Repository, "Tag" => image.Tag, _ => image.Digest };
            var value = op switch { "add" => current ?? o.Value, "replace" => o.Value, _ => null };
            image = component switch
            {
                "Registry" => image with { Registry = value },
                "Repository" => image with { Repository = value! },
                "Tag" => image with { Tag = value },
                _ => image with { Digest = value },
            };
            container["image"] = image.ToString();
        }
    }

    public static void Command(JsonArray containers, string field, CommandOverrider o, string path)
    {
        var op = Operator.Of(o.Operator, $"{path}.operator", "append", "replace");
        var values = o.Value ?? throw new InvalidOverrideException($"{path}.value", "is required (a list of strings)");
        foreach (var container in Selected(containers, o.Container, path))
        {
            if (op == "replace" || container[field] is not JsonArray list)
            {
                container[field] = list = [];
            }

            foreach (var value in values)
            {
                list.Add(value);
            }
        }
    }

    public static void Env(JsonArray containers, EnvOverrider o, string path)
    {
        foreach (var container in Selected(containers, o.Container, path))
        {
            var env = container["env"] as JsonArray ?? (JsonArray)(container["env"] = new JsonArray());
            foreach (var (name, value) in o.Set ?? new Dictionary<string, string>())
            {
                var existing = env.OfType<JsonObject>().FirstOrDefault(e => (string?)e["name"] == name);
                if (existing is null)
                {
                    env.Add(new JsonObject { ["name"] = name, ["value"] = value });
                }
                else
                {
                    existing.Clear();
                    existing["name"] = name;
                    existing["value"] = value;
                }
            }

            foreach (var name in o.Remove ?? [])
            {
                foreach (var gone in env.OfType<JsonObject>().Where(e => (string?)e["name"] == name).ToList())
                {
                    env.Remove(gone);
                }
            }
        }
    }

    public static void Resources(JsonArray containers, ResourcesOverrider o, string path)
    {
        foreach (var container in Selected(containers, o.Container, path))
        {
            var resources = container["resources"] as JsonObject ?? (JsonObject)(container["resources"] = new JsonObject());
            Amounts(resources, "requests", o.Requests, $"{path}.requests");
            Amounts(resources, "limits", o.Limits, $"{path}.limits");
        }
    }

    private static void Amounts(JsonObject resources, string field, IReadOnlyDictionary<string, string>? amounts, string path)
    {
        if (amounts is null)
        {
            return;
        }

        var target = resources[field] as JsonObject ?? (JsonObject)(resources[field] = new JsonObject());
        foreach (var (resource, quantity) in amounts)
        {
            target[resource] = QuantityParser.TryParse(quantity, out _)
                ? quantity
                : throw new InvalidOverrideException($"{path}.{resource}", $"'{quantity}' is not a valid non-negative quantity (e.g. \"500m\", \"256Mi\")");
        }
    }

    /// <summary>The named container, or every container when no name is given; a name no container has is an error.</summary>
    private static List<JsonObject> Selected(JsonArray containers, string? name, string path)
    {
        var all = containers.OfType<JsonObject>().ToList();
        if (name is null)
        {
            return all;
        }

        var named = all.Where(c => (string?)c["name"] == name).ToList();
        return named.Count > 0 ? named : throw new InvalidOverrideException($"{path}.container", $"'{name}' is no container of the pod template");
    }
}
