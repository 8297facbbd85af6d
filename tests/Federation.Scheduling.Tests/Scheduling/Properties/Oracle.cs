using Federation.Scheduling;

namespace Federation.Scheduling.Tests.Scheduling.Properties;

/// <summary>
/// What the rules say about each member, worked out independently of the scheduler's pipeline,
/// to judge its answers: whether it may hold replicas at all, and its bounds.
/// </summary>
internal static class Oracle
{
    public sealed record Limits(string Name, bool Holds, bool TakesNew, int Current, int Lo, int Hi, long Weight);

    public static IReadOnlyList<Limits> For(SchedulingRequest request)
    {
        var policy = request.Policy;
        return request.Candidates.Select(c =>
        {
            var named = policy.ClusterNames is not { Count: > 0 } names || policy.Strategy == PlacementStrategy.Priority || names.Contains(c.Name);
            var matches = policy.ClusterSelector?.All(s => c.Labels.GetValueOrDefault(s.Key) == s.Value) ?? true;
            var stateHolds = c.State is MemberState.Ready or MemberState.Cordoned or MemberState.Maintenance
                || (c.State == MemberState.NotReady && !c.FailedOver);
            var holds = named && matches && stateHolds;
            var takesNew = c.State == MemberState.Ready;
            var current = request.Current.GetValueOrDefault(c.Name);
            var bounds = policy.Bounds?.GetValueOrDefault(c.Name) ?? new ReplicaBounds();
            var room = PodCapacity.Of(c.Capacity, request.PodRequest, current);
            var hi = !holds ? 0 : Math.Min(Math.Min(room, bounds.Max ?? int.MaxValue), takesNew ? int.MaxValue : current);
            var weight = policy.Strategy switch
            {
                PlacementStrategy.Weighted when policy.Weights is { Count: > 0 } w => w.GetValueOrDefault(c.Name),
                PlacementStrategy.Dynamic => room,
                _ => 1L,
            };
            return new Limits(c.Name, holds, takesNew, current, Math.Min(bounds.Min, hi), hi, weight);
        }).ToList();
    }

    /// <summary>
    /// Each member's exact bounded share of <paramref name="replicas"/> (water-filling, worked out
    /// the slow way: evaluate the sum at every breakpoint and interpolate), and the house actually
    /// divided: min(replicas, what the members can hold).
    /// </summary>
    public static (Exact[] Shares, long House) Shares(IReadOnlyList<(long W, int Lo, int Hi)> members, long replicas)
    {
        Exact Sum(Exact t) => members.Aggregate((Exact)0, (sum, m) => sum + (m.W <= 0 ? m.Lo : Exact.Clamp(t * m.W, m.Lo, m.Hi)));
        var house = Math.Min(replicas, members.Sum(m => (long)(m.W > 0 ? m.Hi : m.Lo)));
        var points = members.Where(m => m.W > 0)
            .SelectMany(m => new[] { new Exact(m.Lo, m.W), new Exact(m.Hi, m.W) })
            .Append(0)
            .Distinct()
            .OrderBy(t => t)
            .ToList();
        var lambda = (Exact)0;
        for (var k = 0; k + 1 < points.Count; k++)
        {
            var (s0, s1) = (Sum(points[k]), Sum(points[k + 1]));
            if (s0 < house && house <= s1)
            {
                lambda = points[k] + ((points[k + 1] - points[k]) * ((house - s0) / (s1 - s0)));
            }
        }

        return (members.Select(m => m.W <= 0 ? (Exact)m.Lo : Exact.Clamp(lambda * m.W, m.Lo, m.Hi)).ToArray(), house);
    }

    /// <summary>A request in a line or two, for a failing case.</summary>
    public static string Describe(SchedulingRequest r) =>
        $"{r.Policy.Strategy} replicas={r.Replicas} pod={r.PodRequest.MilliCpu}m/{r.PodRequest.MemoryBytes >> 20}Mi" +
        (r.Policy.ClusterNames is { } n ? $" names=[{string.Join(",", n)}]" : "") +
        (r.Policy.Weights is { } w ? $" weights={Show(w)}" : "") +
        (r.Policy.Bounds is { } b ? $" bounds={string.Join(",", b.Select(x => $"{x.Key}={x.Value.Min}..{x.Value.Max}"))}" : "") +
        (r.Policy.Spread is { } s ? $" spread={s.Label}>={s.MinGroups}" : "") +
        $" current={Show(r.Current)}\n  members: " +
        string.Join("; ", r.Candidates.Select(c =>
            $"{c.Name} {c.State}{(c.FailedOver ? "(failed over)" : "")} room={c.Capacity.AvailableReplicas?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? $"{c.Capacity.FreeMilliCpu}m/{c.Capacity.FreeMemoryBytes >> 20}Mi"} {string.Join(",", c.Labels.Select(l => $"{l.Key}={l.Value}"))}"));

    public static string Show<T>(IReadOnlyDictionary<string, T> map) =>
        string.Join(",", map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={p.Value}"));
}
