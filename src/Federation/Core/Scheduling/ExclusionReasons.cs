namespace Federation.Scheduling;

/// <summary>The words used in <see cref="SchedulingResult.Excluded"/>; short, stable, meant for operators.</summary>
internal static class ExclusionReasons
{
    public const string NotAMember = "not a member";
    public const string NotNamed = "not in clusterNames";
    public const string SelectorMismatch = "labels do not match clusterSelector";
    public const string Draining = "draining: replicas move away";
    public const string Retired = "retired";
    public const string FailedOver = "NotReady past failoverAfter: its replicas count as lost";
    public const string NoRoom = "no room for the pod";
    public const string RoomUnknown = "capacity not read yet: takes no new replicas until it is";
    public const string Unreachable = "unreachable: takes no new replicas until it answers";
    public const string MaxZero = "max is 0";
    public const string WeightZero = "weight is 0";
    public const string ShareBelowOne = "its share rounds to 0 replicas";
    public const string NotNeededAggregated = "not needed: fewer members hold all replicas";
    public const string NotNeededPriority = "not needed: members earlier in the order hold all replicas";

    // Built once for the shares that occur most: one reason per member of a large fleet adds up.
    private static readonly string[] NotMovedBelow64 = [.. Enumerable.Range(0, 64).Select(Words)];

    /// <summary>Why a member whose share is a replica or more has none: the running ones were not moved.</summary>
    public static string NotMoved(int share) => share is >= 0 and < 64 ? NotMovedBelow64[share] : Words(share);

    private static string Words(int share) =>
        $"replicas that run stay where they are: its share is {share} or more, a rebalance would move them";

    /// <summary>Why a member that may only keep replicas has none to keep.</summary>
    public static string TakesNoNew(MemberState state) => state switch
    {
        MemberState.Cordoned => "cordoned: takes no new replicas",
        MemberState.Maintenance => "in maintenance: takes no new replicas",
        _ => "NotReady: takes no new replicas",
    };
}
