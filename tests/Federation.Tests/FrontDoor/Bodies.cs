using System.Text.Json;
using System.Text.Json.Nodes;
using Federation.Tests.ControlPlane;

namespace Federation.Tests.FrontDoor;

/// <summary>Valid request bodies for the routes that take one, and the same with one field replaced.</summary>
public static class Bodies
{
    public static JsonObject Application() => Parse(new
    {
        replicas = 2,
        template = Fleet.Template("web"),
        placement = new
        {
            strategy = "Weighted",
            clusterNames = new[] { "east" },
            weights = new Dictionary<string, int> { ["east"] = 1 },
            bounds = new Dictionary<string, object> { ["east"] = new { min = 0, max = 5 } },
        },
        maxUnavailable = 0,
        failoverAfter = "30s",
        migration = new { stepSize = 1, stepTimeout = "1m", unhealthyAfter = "2m" },
    });

    public static JsonObject Join(string name, Uri server) => Parse(new { name, server = server.ToString(), labels = new Dictionary<string, string> { ["region"] = "r1" } });

    public static JsonObject Maintain() => Parse(new { @for = "1h" });

    public static JsonObject Schedule() => Parse(new { action = "maintain", cron = "0 0 2 ? * SUN", timeZone = "UTC", @for = "2h" });

    public static JsonObject Plan() => Parse(new
    {
        drain = new[] { "east" },
        add = new[] { new { name = "north", labels = new Dictionary<string, string> { ["region"] = "r2" }, nodes = 2, cpu = "8", memory = "32Gi" } },
        scale = new[] { new { application = "default/web", replicas = 3 } },
    });

    /// <summary>
    /// The body with the value at <paramref name="path"/> ("placement.weights.east", "add[0].cpu")
    /// replaced, or added with the objects and arrays above it.
    /// </summary>
    public static string With(JsonObject body, string path, JsonNode? value)
    {
        var copy = body.DeepClone().AsObject();
        var steps = path.Replace("[", ".[", StringComparison.Ordinal).Split('.');
        JsonNode parent = copy;
        for (var i = 0; i < steps.Length - 1; i++)
        {
            parent = Child(parent, steps[i]) ?? Set(parent, steps[i], steps[i + 1].StartsWith('[') ? new JsonArray() : new JsonObject())!;
        }

        Set(parent, steps[^1], value?.DeepClone());
        return copy.ToJsonString();
    }

    private static JsonNode? Set(JsonNode parent, string step, JsonNode? value)
    {
        if (!step.StartsWith('['))
        {
            parent.AsObject()[step] = value;
            return value;
        }

        var array = parent.AsArray();
        while (array.Count <= Index(step))
        {
            array.Add(null);
        }

        array[Index(step)] = value;
        return value;
    }

    private static JsonNode? Child(JsonNode parent, string step) =>
        step.StartsWith('[') ? (parent.AsArray().Count > Index(step) ? parent.AsArray()[Index(step)] : null) : parent.AsObject()[step];

    private static int Index(string step) => int.Parse(step.Trim('[', ']'), System.Globalization.CultureInfo.InvariantCulture);

    private static JsonObject Parse(object body) => JsonNode.Parse(JsonSerializer.Serialize(body, Fleet.Json))!.AsObject();
}
