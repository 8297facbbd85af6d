namespace Federation.Scheduling;

/// <summary>
/// Checks a request before it is scheduled. What the user wrote (replicas, weights, bounds,
/// spread) must be consistent on its own, or the request is refused with an
/// <see cref="ArgumentException"/> whose <see cref="ArgumentException.ParamName"/> names the field
/// (e.g. <c>request.Policy.Weights[east]</c>), so the API can answer 400 with it. What depends on
/// the fleet is never an error: unknown cluster names, weights or bounds for members that do not
/// exist are left out with a reason; negative free capacity reported by a member counts as none.
/// </summary>
public static class SchedulingValidation
{
    public static void Validate(SchedulingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.Policy is not null, "request.Policy", "is required");
        Require(request.PodRequest is not null, "request.PodRequest", "is required");
        Require(request.Candidates is not null, "request.Candidates", "is required");
        Require(request.Current is not null, "request.Current", "is required (empty when nothing runs yet)");
        Require(request.Replicas >= 0, "request.Replicas", $"must not be negative (got {request.Replicas})");
        Require(request.PodRequest!.MilliCpu >= 0, "request.PodRequest.MilliCpu", "must not be negative");
        Require(request.PodRequest.MemoryBytes >= 0, "request.PodRequest.MemoryBytes", "must not be negative");
        ValidatePolicy(request.Policy!, request.Replicas);
        ValidateCandidates(request.Candidates!);
        foreach (var (name, replicas) in request.Current!)
        {
            Require(replicas >= 0, $"request.Current[{name}]", $"must not be negative (got {replicas})");
        }
    }

    private static void ValidatePolicy(PlacementPolicy policy, int replicas)
    {
        Require(Enum.IsDefined(policy.Strategy), "request.Policy.Strategy", $"'{policy.Strategy}' is not a strategy");
        for (var i = 0; i < (policy.ClusterNames?.Count ?? 0); i++)
        {
            Require(!string.IsNullOrEmpty(policy.ClusterNames![i]), $"request.Policy.ClusterNames[{i}]", "must not be empty");
        }

        if (policy.Weights is { Count: > 0 } weights)
        {
            foreach (var (name, weight) in weights)
            {
                Require(weight >= 0, $"request.Policy.Weights[{name}]", $"must not be negative (got {weight})");
            }

            Require(weights.Values.Any(w => w > 0), "request.Policy.Weights", "needs at least one positive weight");
        }

        var minimums = 0L;
        foreach (var (name, bounds) in policy.Bounds ?? new Dictionary<string, ReplicaBounds>())
        {
            var field = $"request.Policy.Bounds[{name}]";
            Require(bounds is not null, field, "must not be null");
            Require(bounds!.Min >= 0, field + ".Min", $"must not be negative (got {bounds.Min})");
            Require(bounds.Max is null or >= 0, field + ".Max", $"must not be negative (got {bounds.Max})");
            Require(bounds.Max is null || bounds.Min <= bounds.Max, field, $"min {bounds.Min} is greater than max {bounds.Max}");
            // Duplicated gives every member all replicas, so a min only has to fit within them.
            Require(policy.Strategy != PlacementStrategy.Duplicated || bounds.Min <= replicas,
                field + ".Min", $"min {bounds.Min} is more than replicas {replicas}");
            minimums += bounds.Min;
        }

        Require(policy.Strategy == PlacementStrategy.Duplicated || minimums <= replicas,
            "request.Policy.Bounds", $"the minimums add up to {minimums}, more than replicas {replicas}");

        if (policy.Spread is { } spread)
        {
            Require(!string.IsNullOrWhiteSpace(spread.Label), "request.Policy.Spread.Label", "must name a label");
            Require(spread.MinGroups >= 0, "request.Policy.Spread.MinGroups", $"must not be negative (got {spread.MinGroups})");
        }
    }

    private static void ValidateCandidates(IReadOnlyList<Candidate> candidates)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            var field = $"request.Candidates[{i}]";
            Require(candidate is not null, field, "must not be null");
            Require(!string.IsNullOrEmpty(candidate!.Name), field + ".Name", "must not be empty");
            Require(names.Add(candidate.Name), field + ".Name", $"'{candidate.Name}' appears more than once");
            Require(candidate.Labels is not null, field + ".Labels", "is required (empty when the member has none)");
            Require(candidate.Capacity is not null, field + ".Capacity", "is required");
            Require(Enum.IsDefined(candidate.State), field + ".State", $"'{candidate.State}' is not a member state");
        }
    }

    private static void Require(bool condition, string field, string problem)
    {
        if (!condition)
        {
            throw new ArgumentException($"{field} {problem}.", field);
        }
    }
}
