namespace Federation.Workloads.Stateful;

/// <summary>
/// Whether a StatefulSet's replicas leave a failed member (<c>failover.stateful</c>). A stateful pod's
/// volume stays on its member, so starting the ordinal elsewhere starts it without its data: by default
/// an operator confirms it first.
/// </summary>
public enum StatefulFailover
{
    /// <summary>A member unreachable for failoverAfter keeps its ordinals until the operator confirms (the default).</summary>
    AfterConfirmation,

    /// <summary>As a Deployment: ordinals start elsewhere once the member has been unreachable for failoverAfter.</summary>
    Immediate,

    /// <summary>Ordinals stay on a failed member until it returns (drain and retire still move them).</summary>
    Never,
}

/// <summary>One member as the failover gate sees it.</summary>
/// <param name="UnreachableSince">Since when the member has not answered; null while it answers.</param>
/// <param name="Maintenance">In a maintenance window: probe failures do not fail it over.</param>
/// <param name="Holds">Ordinals the application runs there.</param>
public sealed record FailoverMember(string Name, DateTimeOffset? UnreachableSince, bool Maintenance, int Holds);

/// <summary>
/// The failover gate for stateful replicas: which members await the operator's confirmation, and the
/// failoverAfter the scheduler is asked to apply (effectively never while nothing is confirmed).
/// </summary>
public static class FailoverGate
{
    /// <summary>A failoverAfter no member reaches: the scheduler keeps a held member's replicas placed where they are.</summary>
    public static readonly TimeSpan Held = TimeSpan.FromDays(36500);

    /// <summary>
    /// Members that would fail over now but wait for confirmation: policy AfterConfirmation, unreachable for
    /// failoverAfter or longer outside maintenance, still holding ordinals, and not confirmed yet.
    /// </summary>
    public static IReadOnlyList<string> Awaiting(StatefulFailover policy, TimeSpan failoverAfter, IEnumerable<FailoverMember> members, IReadOnlySet<string> confirmed, DateTimeOffset now) =>
        policy != StatefulFailover.AfterConfirmation ? []
        : [.. members
            .Where(m => m.Holds > 0 && !m.Maintenance && m.UnreachableSince is { } since && now - since >= failoverAfter && !confirmed.Contains(m.Name))
            .Select(m => m.Name)
            .Order(StringComparer.Ordinal)];

    /// <summary>
    /// The failoverAfter to place with: the spec's under Immediate, or once a failover is confirmed (the
    /// confirmation covers every member that awaited it); <see cref="Held"/> otherwise.
    /// </summary>
    public static TimeSpan FailoverAfter(StatefulFailover policy, TimeSpan failoverAfter, bool confirmed) => policy switch
    {
        StatefulFailover.Immediate => failoverAfter,
        StatefulFailover.AfterConfirmation when confirmed => failoverAfter,
        _ => Held,
    };

    /// <summary>A confirmation is spent once its member answers again or holds nothing any more.</summary>
    public static bool Spent(FailoverMember member) => member.UnreachableSince is null || member.Holds == 0;
}
