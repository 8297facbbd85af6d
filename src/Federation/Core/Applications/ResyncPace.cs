using Federation.Migration;

namespace Federation.Applications;

/// <summary>
/// How often an application reconciles on its own, besides the pokes its members and the host send.
/// An application with work in flight — replicas to place, move, start or make ready, a member out of
/// reach, a member to avoid — resyncs at the fast pace; a settled one backs off, doubling up to the
/// steady pace, since everything that could unsettle it pokes it anyway (a member's change, its
/// Deployment observed drifting, a spec change). The resync is the net under those pokes, not the
/// engine: 10,000 settled applications at the fast pace would be 2,000 reconciles a second for nothing.
/// </summary>
public static class ResyncPace
{
    /// <summary>
    /// True when the reconcile just made found nothing left to do that a resync could do. Replicas
    /// left on an unreachable member the scheduler took them off are such a thing: they are lowered
    /// when the member answers again, and its return pokes the application. Without this, every
    /// application that failed over a member that never comes back would resync at the fast pace
    /// for as long as the member stays dark (2,000 reconciles a second for 10,000 of them).
    /// </summary>
    /// <param name="step">The rollout step just planned.</param>
    /// <param name="members">Every member the application places on or holds replicas on.</param>
    /// <param name="migrating">A migration or a rollout is open (each closes on a reconcile of its own).</param>
    /// <param name="shortfall">Replicas that fit nowhere.</param>
    /// <param name="avoiding">Members the application is keeping away from for now.</param>
    public static bool Settled(StepDecision step, IReadOnlyList<MemberProgress> members, bool migrating, int shortfall, int avoiding) =>
        step.Writes.Count == 0
        && step.Remaining == members.Where(m => !m.Reachable).Sum(m => Math.Max(0, m.Applied - m.Target))
        && !migrating && shortfall == 0 && avoiding == 0
        && members.All(m => m.Reachable ? m.Target == m.Applied && m.Ready >= m.Applied : m.Target == 0);

    /// <summary>
    /// Whether a resync tick should reconcile: not when another reconcile (for a report, a poke, a
    /// timer, a spec change) ended within the last pace. A resync is the net for a report or a poke
    /// that never came; a reconcile ended since the last tick has read everything a resync would, and
    /// 10,000 applications failing over, each reconciling every few seconds for its own reports (and
    /// each reconcile long, behind the member writes' pacing), would otherwise add up to 2,000
    /// reconciles a second to the ones doing the work. Counted from the end: a reconcile that waited
    /// long has read late. A quiet application resyncs every pace; one that just reconciled, within
    /// two (a reconcile that sets the pace anew ends a moment after the timer's next tick was set).
    /// </summary>
    /// <param name="lastReconciled">When the last reconcile other than a resync ended.</param>
    public static bool Due(DateTimeOffset lastReconciled, TimeSpan pace, DateTimeOffset now) => now - lastReconciled >= pace;

    /// <summary>The interval until the next resync: fast while unsettled; doubling from the current one, up to steady, while settled.</summary>
    public static TimeSpan Next(bool settled, TimeSpan current, TimeSpan fast, TimeSpan steady)
    {
        if (!settled || steady <= fast)
        {
            return fast;
        }

        var doubled = current < fast ? fast : current * 2;
        return doubled > steady ? steady : doubled;
    }
}
