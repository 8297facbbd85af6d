using System.Text.Json.Nodes;

namespace Federation.Workloads.Overrides;

/// <summary>Labels and annotations: add (absent keys only), replace (set), remove (the named keys).</summary>
internal static class MapOverriders
{
    public static void Apply(JsonObject map, MapOverrider overrider, string path)
    {
        var values = overrider.Value ?? throw new InvalidOverrideException($"{path}.value", "is required");
        switch (Operator.Of(overrider.Operator, $"{path}.operator", "add", "replace", "remove"))
        {
            case "add":
                foreach (var (key, value) in values.Where(kv => !map.ContainsKey(kv.Key)))
                {
                    map[key] = value;
                }

                break;
            case "replace":
                foreach (var (key, value) in values)
                {
                    map[key] = value;
                }

                break;
            default:
                foreach (var key in values.Keys)
                {
                    map.Remove(key);
                }

                break;
        }
    }
}
