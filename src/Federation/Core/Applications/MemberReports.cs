namespace Federation.Applications;

/// <summary>What a member last reported of an application's Deployment (or StatefulSet).</summary>
public sealed record ReportedFigures(int Desired, int Replicas, int Ready, int Available, int Updated, long ObservedGeneration);

/// <summary>
/// Which of a member's reports call for a reconcile. Every report is kept for the status; only
/// those that can change a decision reconcile: a first report, ready replicas (what steps, migrations,
/// avoidance and hooks wait on), the replicas asked (drift). Pods created or updated but not yet
/// ready matter only to a rollout (surge, updated pods) and to a StatefulSet's ordinals, and a rollout
/// also waits on available pods and the member's observed generation. A pod's start is two reports
/// (created, then ready); reconciling on the first of them found nothing to do.
/// </summary>
public static class MemberReports
{
    public static bool Reconciles(ReportedFigures? before, ReportedFigures after, bool rollingOut, bool stateful) =>
        before is null
        || before.Ready != after.Ready
        || before.Desired != after.Desired
        || ((rollingOut || stateful) && (before.Replicas != after.Replicas || before.Updated != after.Updated))
        || (rollingOut && (before.Available != after.Available || before.ObservedGeneration != after.ObservedGeneration));
}
