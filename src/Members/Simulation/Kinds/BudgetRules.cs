using System.Text.Json.Nodes;

namespace Federation.Members.Simulation;

/// <summary>PodDisruptionBudgets: status belongs to the controller (kept across user writes); min and max are exclusive.</summary>
internal sealed class BudgetRules : KindRules
{
    public override void Default(JsonObject obj, JsonObject? old, ObjectStore store) =>
        obj["status"] = old?["status"]?.DeepClone() ?? new JsonObject { ["disruptionsAllowed"] = 0, ["currentHealthy"] = 0, ["desiredHealthy"] = 0, ["expectedPods"] = 0 };

    public override IEnumerable<(string Field, string Message)> Validate(JsonObject obj, JsonObject? old) =>
        obj["spec"]?["minAvailable"] is not null && obj["spec"]?["maxUnavailable"] is not null
            ? [("spec", "Invalid value: minAvailable and maxUnavailable cannot be both set")]
            : [];

    public override object?[] Cells(JsonObject obj, StoredObject stored, DateTimeOffset now) =>
    [
        stored.Name,
        obj["spec"]?["minAvailable"]?.ToString() ?? "N/A",
        obj["spec"]?["maxUnavailable"]?.ToString() ?? "N/A",
        int.TryParse(obj["status"]?["disruptionsAllowed"]?.ToString(), out var allowed) ? allowed : 0,
        Age(stored, now),
    ];
}

/// <summary>EndpointSlices (kept by the controller; users may write their own).</summary>
internal sealed class SliceRules : KindRules
{
    public override object?[] Cells(JsonObject obj, StoredObject stored, DateTimeOffset now)
    {
        var ports = (obj["ports"] as JsonArray ?? []).Select(p => p?["port"]?.ToString()).Where(p => p is { Length: > 0 }).ToList();
        var addresses = (obj["endpoints"] as JsonArray ?? []).SelectMany(e => e?["addresses"] as JsonArray ?? []).Select(a => a?.ToString()).ToList();
        return
        [
            stored.Name,
            obj["addressType"]?.ToString(),
            ports.Count == 0 ? "<unset>" : string.Join(",", ports),
            addresses.Count == 0 ? "<none>" : string.Join(",", addresses.Take(3)) + (addresses.Count > 3 ? $" + {addresses.Count - 3} more..." : ""),
            Age(stored, now),
        ];
    }
}
