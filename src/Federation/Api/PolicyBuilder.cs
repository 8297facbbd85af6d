using Federation.Grains;
using Federation.Scheduling;

namespace Federation.Api;

/// <summary>Validates a placement request against the members that exist now.</summary>
public static class PolicyBuilder
{
    public static PlacementPolicy? Build(PlacementRequest? body, IReadOnlyList<MemberLabels> members, Validation v)
    {
        body ??= new PlacementRequest(null, null, null, null, null, null);
        var known = members.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        var ok = true;

        // By name only: Enum.TryParse would also take "42" and "Weighted,Duplicated".
        var strategy = PlacementStrategy.Weighted;
        if (body.Strategy is { } s)
        {
            var named = Enum.GetValues<PlacementStrategy>().Where(n => n.ToString().Equals(s, StringComparison.OrdinalIgnoreCase)).ToList();
            if (named.Count == 1)
            {
                strategy = named[0];
            }
            else
            {
                v.Add("placement.strategy", $"{Validation.Quote(s)} is not one of {string.Join(", ", Enum.GetNames<PlacementStrategy>())}");
                ok = false;
            }
        }

        for (var i = 0; i < (body.ClusterNames?.Count ?? 0); i++)
        {
            if (!known.Contains(body.ClusterNames![i]))
            {
                v.Add($"placement.clusterNames[{i}]", $"{Validation.Quote(body.ClusterNames[i])} is not a joined member");
                ok = false;
            }
        }

        if (body.ClusterSelector is { Count: > 0 } selector
            && !members.Any(m => selector.All(kv => m.Labels.TryGetValue(kv.Key, out var value) && value == kv.Value)))
        {
            v.Add("placement.clusterSelector", $"{Validation.Quote(string.Join(", ", selector.Select(kv => $"{kv.Key}={kv.Value}")))} matches no member");
            ok = false;
        }

        foreach (var (member, weight) in body.Weights ?? [])
        {
            if (!known.Contains(member))
            {
                v.Add($"placement.weights.{Validation.Truncate(member, Validation.EchoLength)}", $"{Validation.Quote(member)} is not a joined member");
                ok = false;
            }
            else if (weight < 0)
            {
                v.Add($"placement.weights.{Validation.Truncate(member, Validation.EchoLength)}", $"weight {weight} must not be negative");
                ok = false;
            }
        }

        var bounds = new Dictionary<string, ReplicaBounds>(StringComparer.Ordinal);
        foreach (var (member, b) in body.Bounds ?? [])
        {
            if (!known.Contains(member))
            {
                v.Add($"placement.bounds.{Validation.Truncate(member, Validation.EchoLength)}", $"{Validation.Quote(member)} is not a joined member");
                ok = false;
            }
            else if (b is null)
            {
                v.Add($"placement.bounds.{Validation.Truncate(member, Validation.EchoLength)}", "must be an object with min and/or max");
                ok = false;
            }
            else if (b.Min < 0 || b.Max < 0 || (b.Min is { } min && b.Max is { } max && min > max))
            {
                v.Add($"placement.bounds.{Validation.Truncate(member, Validation.EchoLength)}", $"min {b.Min} and max {b.Max} must be non-negative with min ≤ max");
                ok = false;
            }
            else
            {
                bounds[member] = new ReplicaBounds(b.Min ?? 0, b.Max);
            }
        }

        SpreadConstraint? spread = null;
        if (body.Spread is { } sp)
        {
            if (string.IsNullOrWhiteSpace(sp.Label))
            {
                v.Add("placement.spread.label", "is required (e.g. region or zone)");
                ok = false;
            }
            else if (sp.MinGroups is null or < 1)
            {
                v.Add("placement.spread.minGroups", $"{sp.MinGroups} must be at least 1");
                ok = false;
            }
            else
            {
                spread = new SpreadConstraint(sp.Label, sp.MinGroups.Value);
            }
        }

        if (!ok)
        {
            return null;
        }

        return new PlacementPolicy(
            strategy,
            body.ClusterNames is { Count: > 0 } names ? [.. names] : null,
            body.ClusterSelector is { Count: > 0 } sel ? new Dictionary<string, string>(sel, StringComparer.Ordinal) : null,
            body.Weights is { Count: > 0 } w ? new Dictionary<string, int>(w, StringComparer.Ordinal) : null,
            bounds.Count > 0 ? bounds : null,
            spread);
    }
}
