namespace Federation.Scheduling;

/// <summary>
/// Decides how many replicas of one application each member runs. Pure: the same request gives
/// the same result, whatever the order of its candidates, and nothing is read from outside it.
/// The pipeline, one small step each: validate → filter → score → select (spread) → divide → result.
/// </summary>
/// <remarks>
/// Invalid requests (negative replicas, weights or bounds, min above max, minimums adding up to
/// more than the replicas) throw <see cref="ArgumentException"/> naming the field; see
/// <see cref="SchedulingValidation"/>. Facts about the fleet are never errors: a name that is not a
/// member is excluded with "not a member", and replicas that do not fit are the shortfall.
/// Shortfall: replicas − placed, except under Duplicated, where it is the sum over the members that
/// should run a copy of what each lacks (so placed + shortfall = replicas × those members).
/// Stability: the division starts from the current placement and only adds or removes replicas
/// (see <see cref="ProportionalDivider"/> and <see cref="OrderedDivider"/>): an unchanged request
/// changes nothing, scaling by k moves k replicas (raising never takes one away), and a lost
/// member's replicas go to the others without moving theirs. Running replicas move to follow a
/// changed policy only when the request asks to <see cref="SchedulingRequest.Rebalance"/>.
/// </remarks>
public static class ReplicaScheduler
{
    public static SchedulingResult Schedule(SchedulingRequest request)
    {
        // 1. Validate: refuse what the user wrote inconsistently, naming the field.
        SchedulingValidation.Validate(request);

        // 2. Filter: selection, member state, and each member's bounds (capacity, min, max).
        var filtered = CandidateFilter.Apply(request);

        // 3. Score: weights and the strategy's order of preference.
        var scored = MemberScorer.Score(request.Policy, filtered.Members);

        // 4. Select: pin members so that the spread constraint holds where it can.
        var (members, spreadWarning) = SpreadSelector.Pin(scored, request.Policy, request.Replicas);

        // 5. Divide the replicas.
        var division = request.Policy.Strategy switch
        {
            PlacementStrategy.Duplicated => new Division(DuplicatedDivider.Divide(members, request.Replicas)),
            PlacementStrategy.Weighted or PlacementStrategy.Dynamic => ProportionalDivider.Divide(members, request.Replicas, request.Rebalance),
            PlacementStrategy.Aggregated => OrderedDivider.Aggregated(members, request.Replicas, request.Rebalance),
            _ => OrderedDivider.Priority(members, request.Replicas, request.Rebalance),
        };

        // 6. The result, with a reason for every member left out.
        return ResultBuilder.Build(request, filtered, members, division, spreadWarning);
    }
}
