using System.Text.Json.Nodes;

namespace Federation.Members.Simulation;

/// <summary>A PodDisruptionBudget's status as the disruption controller computes it from the pods it selects.</summary>
internal static class Disruptions
{
    public static JsonObject Status(JsonObject pdb, List<StoredPod> pods, JsonObject? previous, DateTimeOffset now)
    {
        var spec = pdb["spec"] as JsonObject ?? [];
        var selected = ClusterEngine.Selected(spec["selector"], pods);
        var expected = selected.Count;
        var healthy = selected.Count(p => p.Ready);
        var desired = spec["minAvailable"] is { } min ? Scaled(min, expected)
            : spec["maxUnavailable"] is { } max ? Math.Max(0, expected - Scaled(max, expected))
            : 0;
        var allowed = Math.Max(0, healthy - desired);
        var status = allowed > 0 ? "True" : "False";
        var prior = (previous?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault();
        var generation = pdb["metadata"]?["generation"]?.DeepClone() ?? 1;
        return new JsonObject
        {
            ["observedGeneration"] = generation.DeepClone(),
            ["disruptionsAllowed"] = allowed,
            ["currentHealthy"] = healthy,
            ["desiredHealthy"] = desired,
            ["expectedPods"] = expected,
            ["conditions"] = new JsonArray(new JsonObject
            {
                ["type"] = "DisruptionAllowed",
                ["status"] = status,
                ["reason"] = allowed > 0 ? "SufficientPods" : "InsufficientPods",
                ["message"] = "",
                ["observedGeneration"] = generation.DeepClone(),
                ["lastTransitionTime"] = prior?["status"]?.ToString() == status ? prior["lastTransitionTime"]!.DeepClone() : $"{now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}",
            }),
        };
    }

    /// <summary>An int-or-percent of <paramref name="total"/>, percentages rounded up as the controller does.</summary>
    private static int Scaled(JsonNode value, int total)
    {
        var text = value.ToString();
        return text.EndsWith('%') && int.TryParse(text[..^1], out var percent)
            ? (int)Math.Ceiling(percent * total / 100.0)
            : int.TryParse(text, out var count) ? count : 0;
    }
}
