namespace Federation.Applications;

/// <summary>The target to keep after a placement (null: unchanged), and what to record.</summary>
public sealed record PlacementTaken(IReadOnlyDictionary<string, int>? Target, IReadOnlyList<ReconcileNote> Notes);

/// <summary>
/// Takes the scheduler's answer as the application's target: members with no replicas are left
/// out, and a changed target or shortfall is recorded with what it was before.
/// </summary>
public static class PlacementChange
{
    public static PlacementTaken Take(IReadOnlyDictionary<string, int> target, int shortfall, IReadOnlyDictionary<string, int> placed, int placedShortfall)
    {
        var next = placed.Where(kv => kv.Value > 0).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var changed = next.Count != target.Count || next.Any(kv => target.GetValueOrDefault(kv.Key) != kv.Value);
        var notes = new List<ReconcileNote>();
        if (changed)
        {
            notes.Add(new("Placed", null, null, next.Values.Sum(), $"placement {Describe(target)} → {Describe(next)}"));
        }

        if (placedShortfall != shortfall)
        {
            notes.Add(placedShortfall > 0
                ? new("Shortfall", null, null, placedShortfall, $"{placedShortfall} replica(s) fit nowhere; holding what runs")
                : new("ShortfallCleared", null, null, placedShortfall, "every replica is placed"));
        }

        return new PlacementTaken(changed ? next : null, notes);
    }

    /// <summary>A placement in words, members in name order: <c>{east: 2, west: 1}</c>.</summary>
    public static string Describe(IReadOnlyDictionary<string, int> placement) =>
        placement.Count == 0 ? "{}" : "{" + string.Join(", ", placement.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}")) + "}";
}
