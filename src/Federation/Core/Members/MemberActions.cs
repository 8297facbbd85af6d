using Federation.Scheduling;

namespace Federation.Membership;

/// <summary>
/// One thing an operator can do to a member: the state it asks for, whether it is for admins only
/// (retiring empties a member for good), whether it can be scheduled, and while in which states the
/// member is still being emptied by it (what <c>--wait</c> watches).
/// </summary>
public sealed record MemberAction(string Name, MemberState Target, bool AdminOnly, bool Schedulable, IReadOnlySet<MemberState> Emptying);

/// <summary>
/// The action → state table, the one the API's routes, schedules, plans, authorization and the CLI
/// all read: a new action, or a changed target, is one row here.
/// </summary>
public static class MemberActions
{
    public static readonly MemberAction Cordon = new("cordon", MemberState.Cordoned, AdminOnly: false, Schedulable: false, new HashSet<MemberState>());
    public static readonly MemberAction Uncordon = new("uncordon", MemberState.Ready, AdminOnly: false, Schedulable: false, new HashSet<MemberState>());
    public static readonly MemberAction Drain = new("drain", MemberState.Draining, AdminOnly: false, Schedulable: true, new HashSet<MemberState> { MemberState.Draining });
    public static readonly MemberAction Maintain = new("maintain", MemberState.Maintenance, AdminOnly: false, Schedulable: true, new HashSet<MemberState>());
    public static readonly MemberAction Retire = new("retire", MemberState.Retired, AdminOnly: true, Schedulable: true, new HashSet<MemberState> { MemberState.Draining, MemberState.Retired });

    public static readonly IReadOnlyList<MemberAction> All = [Cordon, Uncordon, Drain, Maintain, Retire];

    /// <summary>The action of that exact name (actions are lower-case words), or null.</summary>
    public static MemberAction? Find(string? name) => All.FirstOrDefault(a => a.Name == name);
}
