namespace Federation.Scheduling;

/// <summary>Step 5 of the pipeline: the placement, the shortfall, and a reason for every member left out.</summary>
internal static class ResultBuilder
{
    public static SchedulingResult Build(
        SchedulingRequest request,
        FilterOutcome filtered,
        IReadOnlyList<ScheduledMember> members,
        Division division,
        string? spreadWarning)
    {
        var (seats, shares) = (division.Seats, division.ShareDown);
        var strategy = request.Policy.Strategy;
        // Sized up front: a thousand members grown one by one cost twice their size in copies.
        var placed = 0;
        foreach (var s in seats)
        {
            placed += s > 0 ? 1 : 0;
        }

        var placement = new Dictionary<string, int>(placed, StringComparer.Ordinal);
        var excluded = new Dictionary<string, string>(filtered.Candidates.Count - placed + filtered.Unknown.Count, StringComparer.Ordinal);

        // 1. In name order: members with replicas are placed; every other candidate, and every name
        //    that is not a member, gets the reason it has none. (Members come in the candidates' order.)
        var (member, unknown) = (0, 0);
        for (var c = 0; c < filtered.Candidates.Count; c++)
        {
            var name = filtered.Candidates[c].Name;
            for (; unknown < filtered.Unknown.Count && string.CompareOrdinal(filtered.Unknown[unknown], name) < 0; unknown++)
            {
                excluded[filtered.Unknown[unknown]] = ExclusionReasons.NotAMember;
            }

            if (filtered.Excluded.TryGetValue(name, out var reason))
            {
                excluded[name] = reason;
            }
            else if (seats[member] > 0)
            {
                placement[name] = seats[member++];
            }
            else
            {
                excluded[name] = ZeroReason(members[member], strategy, shares is null ? 0 : shares[member]);
                member++;
            }
        }

        foreach (var name in filtered.Unknown.Skip(unknown))
        {
            excluded[name] = ExclusionReasons.NotAMember;
        }

        // 2. The shortfall: Duplicated per member (see DuplicatedDivider.Shortfall), the others in total.
        var shortfall = strategy == PlacementStrategy.Duplicated
            ? DuplicatedDivider.Shortfall(members, seats, request.Replicas)
            : request.Replicas - seats.Sum();

        // 3. Warnings an operator can act on.
        var warnings = shortfall > 0 || spreadWarning is not null ? new List<string>(2) : null;
        if (shortfall > 0)
        {
            warnings!.Add(strategy == PlacementStrategy.Duplicated
                ? $"shortfall {shortfall}: some members cannot run all {request.Replicas} replicas"
                : $"shortfall {shortfall}: the eligible members can hold {seats.Sum()} of {request.Replicas} replicas");
        }

        if (spreadWarning is not null)
        {
            warnings!.Add(spreadWarning);
        }

        return new SchedulingResult(placement, shortfall, excluded) { Warnings = (IReadOnlyList<string>?)warnings ?? [] };
    }

    // A member with room that ends with none: under Weighted and Dynamic either its share is below
    // one replica, or it is a replica or more but replicas that run stay where they are.
    private static string ZeroReason(ScheduledMember member, PlacementStrategy strategy, int share) =>
        member.HiReason ?? strategy switch
        {
            PlacementStrategy.Weighted or PlacementStrategy.Dynamic when member.Weight <= 0 => ExclusionReasons.WeightZero,
            PlacementStrategy.Weighted or PlacementStrategy.Dynamic when share > 0 => ExclusionReasons.NotMoved(share),
            PlacementStrategy.Aggregated => ExclusionReasons.NotNeededAggregated,
            PlacementStrategy.Priority => ExclusionReasons.NotNeededPriority,
            _ => ExclusionReasons.ShareBelowOne,
        };
}
