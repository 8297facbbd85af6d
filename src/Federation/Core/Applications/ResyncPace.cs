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
    /// <summary>True when the reconcile just made found nothing left to do.</summary>
    /// <param name="step">The rollout step just planned.</param>
    /// <param name="members">Every member the application places on or holds replicas on.</param>
    /// <param name="migrating">A migration or a rollout is open (each closes on a reconcile of its own).</param>
    /// <param name="shortfall">Replicas that fit nowhere.</param>
    /// <param name="avoiding">Members the application is keeping away from for now.</param>
    public static bool Settled(StepDecision step, IReadOnlyList<MemberProgress> members, bool migrating, int shortfall, int avoiding) =>
        step.Converged && !migrating && shortfall == 0 && avoiding == 0
        && members.All(m => m.Reachable && m.Target == m.Applied && m.Ready >= m.Applied);

    /// <summary>
    /// Whether a resync tick should reconcile: not when another reconcile (for a report, a poke, a
    /// timer, a spec change) ended within the last half pace. A resync is the net for a report or a
    /// poke that never came; a reconcile that ran a moment ago has read everything a resync would, and
    /// 10,000 applications failing over would otherwise add 2,000 reconciles a second to the ones doing
    /// the work. Half a pace, not a whole one: a reconcile that changes the pace ends a little after the
    /// timer is set anew, so a whole pace would skip the first tick; a quiet application resyncs every
    /// pace, and one whose last other reconcile skipped a tick within one and a half paces.
    /// </summary>
    /// <param name="lastReconciled">When the last reconcile other than a resync ended.</param>
    public static bool Due(DateTimeOffset lastReconciled, TimeSpan pace, DateTimeOffset now) => now - lastReconciled >= pace / 2;

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
