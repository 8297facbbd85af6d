using Federation.Scheduling;

namespace Federation.Scheduling.Tests.Scheduling;

/// <summary>
/// Short-hand for building requests in tables: placements and weights are written "a=3,b=2",
/// labels "region=eu,zone=a", so a case reads like the situation it describes.
/// </summary>
internal static class Fleet
{
    public static Candidate Ready(string name, int room = 1000, string? labels = null) =>
        new(name, Labels(labels), MemberState.Ready, new MemberCapacity(0, 0, 1, room));

    public static Candidate In(MemberState state, string name, int room = 1000, bool failedOver = false, string? labels = null) =>
        new(name, Labels(labels), state, new MemberCapacity(0, 0, 1, room), failedOver);

    /// <summary>Members "a", "b", ... all Ready with plenty of room.</summary>
    public static Candidate[] ReadyMembers(params string[] names) => names.Select(n => Ready(n)).ToArray();

    public static SchedulingRequest Request(
        int replicas, PlacementPolicy policy, IEnumerable<Candidate> candidates, string? current = null, ResourceRequest? pod = null) =>
        new(replicas, policy, pod ?? ResourceRequest.None, candidates.ToList(), Ints(current));

    public static PlacementPolicy Policy(PlacementStrategy strategy, string? weights = null, string? bounds = null) =>
        new(strategy, Weights: weights is null ? null : Ints(weights), Bounds: bounds is null ? null : Bounds(bounds));

    /// <summary>"a=3,b=2" → {a:3, b:2}; null or "" → empty.</summary>
    public static Dictionary<string, int> Ints(string? text) =>
        Pairs(text).ToDictionary(p => p.Key, p => int.Parse(p.Value, System.Globalization.CultureInfo.InvariantCulture), StringComparer.Ordinal);

    /// <summary>"a=1..5,b=2..,c=..3" → bounds (min..max, either side optional).</summary>
    public static Dictionary<string, ReplicaBounds> Bounds(string text) =>
        Pairs(text).ToDictionary(p => p.Key, p =>
        {
            var parts = p.Value.Split("..");
            return new ReplicaBounds(
                parts[0].Length == 0 ? 0 : int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture),
                parts[1].Length == 0 ? null : int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
        }, StringComparer.Ordinal);

    public static IReadOnlyDictionary<string, string> Labels(string? text) =>
        Pairs(text).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    /// <summary>A placement as "a=3,b=2", in name order, members without replicas left out.</summary>
    public static string Show(IReadOnlyDictionary<string, int> placement) =>
        string.Join(",", placement.Where(p => p.Value != 0).OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));

    private static IEnumerable<KeyValuePair<string, string>> Pairs(string? text) =>
        string.IsNullOrEmpty(text)
            ? []
            : text.Split(',').Select(p => p.Split('=', 2)).Select(kv => KeyValuePair.Create(kv[0].Trim(), kv[1].Trim()));
}
