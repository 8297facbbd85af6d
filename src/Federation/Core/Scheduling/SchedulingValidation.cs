namespace Federation.Scheduling;

/// <summary>
/// Checks a request before it is scheduled. What the user wrote (replicas, weights, bounds,
/// spread) must be consistent on its own, or the request is refused with an
/// <see cref="ArgumentException"/> whose <see cref="ArgumentException.ParamName"/> names the field
/// (e.g. <c>request.Policy.Weights[east]</c>), so the API can answer 400 with it. What depends on
/// the fleet is never an error: unknown cluster names, weights or bounds for members that do not
/// exist are left out with a reason; negative free capacity reported by a member counts as none.
/// Messages are built only on failure: validation runs on every placement.
/// </summary>
public static class SchedulingValidation
{
    private static readonly Dictionary<string, ReplicaBounds> EmptyBounds = [];

    public static void Validate(SchedulingRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Require(request.Policy is not null, "request.Policy", "is required");
        Require(request.PodRequest is not null, "request.PodRequest", "is required");
        Require(request.Candidates is not null, "request.Candidates", "is required");
        Require(request.Current is not null, "request.Current", "is required (empty when nothing runs yet)");
        if (request.Replicas < 0)
        {
            Fail("request.Replicas", $"must not be negative (got {request.Replicas})");
        }

        Require(request.PodRequest!.MilliCpu >= 0, "request.PodRequest.MilliCpu", "must not be negative");
        Require(request.PodRequest.MemoryBytes >= 0, "request.PodRequest.MemoryBytes", "must not be negative");
        ValidatePolicy(request.Policy!, request.Replicas);
        ValidateCandidates(request.Candidates!);
        foreach (var (name, replicas) in request.Current!)
        {
            if (replicas < 0)
            {
                Fail($"request.Current[{name}]", $"must not be negative (got {replicas})");
            }
        }
    }

    private static void ValidatePolicy(PlacementPolicy policy, int replicas)
    {
        Require(Enum.IsDefined(policy.Strategy), "request.Policy.Strategy", "is not a strategy");
        for (var i = 0; i < (policy.ClusterNames?.Count ?? 0); i++)
        {
            if (string.IsNullOrEmpty(policy.ClusterNames![i]))
            {
                Fail($"request.Policy.ClusterNames[{i}]", "must not be empty");
            }
        }

        if (policy.Weights is { Count: > 0 } weights)
        {
            var positive = false;
            foreach (var (name, weight) in weights)
            {
                if (weight < 0)
                {
                    Fail($"request.Policy.Weights[{name}]", $"must not be negative (got {weight})");
                }

                positive |= weight > 0;
            }

            Require(positive, "request.Policy.Weights", "needs at least one positive weight");
        }

        var minimums = 0L;
        foreach (var (name, bounds) in policy.Bounds ?? EmptyBounds)
        {
            if (Problem(bounds, policy.Strategy, replicas) is { } problem)
            {
                Fail($"request.Policy.Bounds[{name}]{problem.Field}", problem.Text);
            }

            minimums += bounds?.Min ?? 0;
        }

        // Duplicated gives every member all replicas, so its mins need only fit within them (above).
        if (policy.Strategy != PlacementStrategy.Duplicated && minimums > replicas)
        {
            Fail("request.Policy.Bounds", $"the minimums add up to {minimums}, more than replicas {replicas}");
        }

        if (policy.Spread is { } spread)
        {
            Require(!string.IsNullOrWhiteSpace(spread.Label), "request.Policy.Spread.Label", "must name a label");
            Require(spread.MinGroups >= 0, "request.Policy.Spread.MinGroups", "must not be negative");
        }
    }

    private static (string Field, string Text)? Problem(ReplicaBounds? bounds, PlacementStrategy strategy, int replicas) => bounds switch
    {
        null => ("", "must not be null"),
        { Min: < 0 } => (".Min", $"must not be negative (got {bounds.Min})"),
        { Max: < 0 } => (".Max", $"must not be negative (got {bounds.Max})"),
        { Max: { } max } when bounds.Min > max => ("", $"min {bounds.Min} is greater than max {max}"),
        _ when strategy == PlacementStrategy.Duplicated && bounds.Min > replicas => (".Min", $"min {bounds.Min} is more than replicas {replicas}"),
        _ => null,
    };

    private static void ValidateCandidates(IReadOnlyList<Candidate> candidates)
    {
        // Candidates in name order (as callers usually pass them) repeat a name only next to each
        // other; otherwise a set of the names seen finds a repeat.
        var names = Ordered(candidates) ? null : new HashSet<string>(candidates.Count, StringComparer.Ordinal);
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            var problem = candidate is null ? ("", "must not be null")
                : string.IsNullOrEmpty(candidate.Name) ? (".Name", "must not be empty")
                : (names is null ? i > 0 && candidates[i - 1].Name == candidate.Name : !names.Add(candidate.Name)) ? (".Name", $"'{candidate.Name}' appears more than once")
                : candidate.Labels is null ? (".Labels", "is required (empty when the member has none)")
                : candidate.Capacity is null ? (".Capacity", "is required")
                : !Enum.IsDefined(candidate.State) ? (".State", "is not a member state")
                : ((string Field, string Text)?)null;
            if (problem is { } p)
            {
                Fail($"request.Candidates[{i}]{p.Field}", p.Text);
            }
        }
    }

    private static bool Ordered(IReadOnlyList<Candidate> candidates)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            if (candidates[i]?.Name is null || (i > 0 && string.CompareOrdinal(candidates[i - 1].Name, candidates[i].Name) > 0))
            {
                return false;
            }
        }

        return true;
    }

    private static void Require(bool condition, string field, string problem)
    {
        if (!condition)
        {
            Fail(field, problem);
        }
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void Fail(string field, string problem) => throw new ArgumentException($"{field} {problem}.", field);
}
