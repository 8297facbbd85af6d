using System.Text.Json;
using System.Text.Json.Serialization;
using Federation.Api;

namespace Federation.Cli;

/// <summary>
/// The <c>spec</c> of a <c>federation.io/v1 Placement</c> document: the placement policy,
/// the availability floor, failover and migration settings, optionally the replica count, and the
/// application's per-member overrides.
/// </summary>
internal sealed record PlacementSpec(
    string? Strategy,
    List<string>? ClusterNames,
    Dictionary<string, string>? ClusterSelector,
    Dictionary<string, int>? Weights,
    Dictionary<string, BoundsRequest>? Bounds,
    SpreadRequest? Spread,
    int? MaxUnavailable,
    string? FailoverAfter,
    MigrationSettings? Migration,
    int? Replicas,
    RolloutRequest? Rollout = null,
    List<Workloads.Overrides.OverrideRule>? Overrides = null,
    List<string>? ProvidedByMember = null,
    FailoverRequest? Failover = null)
{
    /// <summary>Strict: an unknown or misspelt field is an error rather than silently ignored.</summary>
    public static readonly JsonSerializerOptions Strict = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = { new ScalarStringConverter() },
    };

    public PlacementRequest ToPlacement() =>
        new(Strategy, ClusterNames, ClusterSelector, Weights, Bounds, Spread);

    /// <summary>"Weighted" for "weighted"; an unknown strategy is an error naming the allowed ones.</summary>
    public static string? NormalizeStrategy(string? strategy, string field)
    {
        if (strategy is null)
        {
            return null;
        }

        if (Enum.TryParse<Scheduling.PlacementStrategy>(strategy, ignoreCase: true, out var parsed)
            && Enum.IsDefined(parsed) && !int.TryParse(strategy, out _))
        {
            return parsed.ToString();
        }

        throw new CliInputException(
            $"{field}: '{strategy}' is not a strategy (one of {string.Join(", ", Enum.GetNames<Scheduling.PlacementStrategy>())})");
    }

    /// <summary>Turns a deserialization failure into "where: what" for the operator.</summary>
    public static CliInputException Describe(JsonException ex, string where)
    {
        var path = ex.Path is { Length: > 1 } p ? where + p.TrimStart('$') : where;
        if (ex.Message.Contains("could not be mapped", StringComparison.Ordinal))
        {
            var field = ex.Message.Split('\'') is { Length: >= 2 } parts ? parts[1] : "?";
            return new CliInputException($"{path}: unknown field '{field}'");
        }

        return new CliInputException($"{path}: value of the wrong type");
    }
}
