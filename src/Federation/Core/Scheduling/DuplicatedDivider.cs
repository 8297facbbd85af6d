namespace Federation.Scheduling;

/// <summary>
/// Duplicated: every member that may hold replicas runs all of them, as far as its upper bound
/// (capacity, max, or what it runs now if it takes no new ones) allows.
/// </summary>
internal static class DuplicatedDivider
{
    public static int[] Divide(IReadOnlyList<ScheduledMember> members, int replicas) =>
        members.Select(m => Math.Min(replicas, m.Hi)).ToArray();

    /// <summary>
    /// Duplicated counts its shortfall per member: Σ over the members that should run a copy of
    /// (replicas − what they got). Those are the Ready members (even one with no room: it lacks a
    /// whole copy) and the members that take no new replicas but still run some. A member that
    /// takes no new replicas and runs none is left out, not short.
    /// </summary>
    public static int Shortfall(IReadOnlyList<ScheduledMember> members, int[] seats, int replicas)
    {
        long missing = 0;
        for (var i = 0; i < members.Count; i++)
        {
            if (members[i].TakesNew || members[i].Current > 0)
            {
                missing += replicas - seats[i];
            }
        }

        return (int)Math.Min(int.MaxValue, missing);
    }
}
