using k8s.Models;

namespace Federation.Members.Client;

/// <summary>
/// Reads the newest revision's health from a Deployment's pods. The newest revision is the
/// <c>pod-template-hash</c> whose first pod was created last: a rollout creates the new ReplicaSet's
/// pods after the old ones, and the ReplicaSet API is not needed to tell them apart. A StatefulSet's pods
/// carry <c>controller-revision-hash</c> instead.
/// </summary>
internal static class RevisionHealthReader
{
    /// <summary>Restarts after which a container counts as crash-looping even between back-offs.</summary>
    private const int CrashRestarts = 3;

    public static RevisionHealth Read(IEnumerable<V1Pod> pods)
    {
        var newest = pods
            .Where(p => p.Metadata?.DeletionTimestamp is null)
            .GroupBy(p => p.Metadata?.Labels?.TryGetValue("pod-template-hash", out var h) == true ? h
                : p.Metadata?.Labels?.TryGetValue("controller-revision-hash", out var r) == true ? r : "")
            .MaxBy(g => g.Min(p => p.Metadata?.CreationTimestamp ?? DateTime.MinValue));
        if (newest is null)
        {
            return RevisionHealth.None;
        }

        int crashing = 0;
        DateTimeOffset? unreadySince = null;
        string? problem = null;
        foreach (var pod in newest)
        {
            var statuses = pod.Status?.ContainerStatuses ?? [];
            var crash = statuses.FirstOrDefault(c => c.State?.Waiting?.Reason == "CrashLoopBackOff" || c.RestartCount >= CrashRestarts);
            if (crash is not null)
            {
                crashing++;
                problem ??= $"{crash.State?.Waiting?.Reason ?? "restarting"}: container {crash.Name} ({crash.Image}), {crash.RestartCount} restart(s)";
                continue;
            }

            var ready = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready");
            if (pod.Status?.Phase == "Running" && ready?.Status != "True")
            {
                var since = new DateTimeOffset(DateTime.SpecifyKind(ready?.LastTransitionTime ?? pod.Status.StartTime ?? pod.Metadata?.CreationTimestamp ?? DateTime.MinValue, DateTimeKind.Utc));
                unreadySince = unreadySince is { } u && u < since ? u : since;
                problem ??= $"{ready?.Reason ?? "NotReady"}: {string.Join(", ", statuses.Where(c => c.Ready != true).Select(c => $"{c.Name} ({c.Image})"))} not ready";
            }
        }

        return new RevisionHealth(newest.Count(), crashing, unreadySince, problem);
    }
}
