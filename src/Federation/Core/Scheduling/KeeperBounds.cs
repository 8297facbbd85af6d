namespace Federation.Scheduling;

/// <summary>
/// Rebalancing and the members that take no new replicas (Cordoned, Maintenance, NotReady):
/// such a member may keep up to what it runs, so once it ends with less, that less is its bound
/// on the next call, which changes everyone's share or fill order, and the next call would move
/// replicas again. So bound it by what it ends with now and divide again, until nothing changes:
/// the answer is then what the next call gives. Each round lowers a bound, so the loop ends.
/// Without a rebalance this is not needed: replicas are only added or removed, and an answer that
/// adds up to the total is kept as it is.
/// </summary>
internal static class KeeperBounds
{
    public static Division Settle(IReadOnlyList<ScheduledMember> members, bool rebalance, Func<IReadOnlyList<ScheduledMember>, Division> divide)
    {
        // Without a rebalance no bound is tightened: the members are divided as they are, uncopied.
        if (!rebalance)
        {
            return divide(members);
        }

        var bounded = members.ToArray();
        while (true)
        {
            var division = divide(bounded);
            var tightened = false;
            for (var i = 0; i < bounded.Length; i++)
            {
                if (!bounded[i].TakesNew && division.Seats[i] < bounded[i].Hi)
                {
                    bounded[i] = bounded[i] with { Hi = division.Seats[i] };
                    tightened = true;
                }
            }

            if (!tightened)
            {
                return division;
            }
        }
    }
}
