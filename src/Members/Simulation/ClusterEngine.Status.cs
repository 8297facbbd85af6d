using k8s.Models;

namespace Federation.Members.Simulation;

/// <summary>Deployment status as the Kubernetes controller computes it; written only when it changed.</summary>
internal sealed partial class ClusterEngine
{
    private void WriteStatus(StoredDeployment d, PodTemplate template, List<StoredPod> pods, DateTimeOffset now)
    {
        var desired = d.SpecReplicas;
        var (_, maxUnavailable) = RolloutLimits.Resolve(d.Model, desired);
        var updated = pods.Count(p => p.Template.Hash == template.Hash);
        var available = pods.Count(p => p.Ready);
        var previous = d.Model.Status;

        // Kubernetes omits zero counts (omitempty), so clients see them as absent.
        var status = new V1DeploymentStatus
        {
            ObservedGeneration = d.Model.Metadata.Generation,
            Replicas = NullIfZero(pods.Count),
            UpdatedReplicas = NullIfZero(updated),
            ReadyReplicas = NullIfZero(available),
            AvailableReplicas = NullIfZero(available),
            UnavailableReplicas = NullIfZero(Math.Max(0, pods.Count - available)),
            CollisionCount = previous?.CollisionCount,
        };

        var minimum = available >= desired - maxUnavailable;
        var availableCondition = Condition(previous, "Available", minimum ? "True" : "False",
            minimum ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable",
            minimum ? "Deployment has minimum availability." : "Deployment does not have minimum availability.", now);

        var complete = updated == desired && pods.Count == desired && available == desired;
        var progressing = Progressing(d, template.ReplicaSetName, previous, status, complete, now);
        status.Conditions = [availableCondition, progressing];

        if (previous is not null && KubeJson.ToUtf8(previous).AsSpan().SequenceEqual(KubeJson.ToUtf8(status)))
        {
            return;
        }

        var model = d.Copy();
        model.Status = status;
        _store.Put(StoredDeployment.Create(model, _store.NextResourceVersion()), added: false);
    }

    /// <summary>
    /// The Progressing condition as the deployment controller keeps it: refreshed whenever the
    /// rollout makes progress, False with ProgressDeadlineExceeded when it made none for
    /// progressDeadlineSeconds (a resync is scheduled for that moment).
    /// </summary>
    private V1DeploymentCondition Progressing(StoredDeployment d, string rs, V1DeploymentStatus? previous, V1DeploymentStatus status, bool complete, DateTimeOffset now)
    {
        var prior = previous?.Conditions?.FirstOrDefault(c => c.Type == "Progressing");
        if (complete)
        {
            return Condition(previous, "Progressing", "True", "NewReplicaSetAvailable", $"ReplicaSet \"{rs}\" has successfully progressed.", now);
        }

        if (prior is null || prior.Message?.Contains($"\"{rs}\"", StringComparison.Ordinal) != true)
        {
            return Condition(previous, "Progressing", "True", "NewReplicaSetCreated", $"Created new replica set \"{rs}\"", now);
        }

        if (MadeProgress(previous!, status))
        {
            return Condition(previous, "Progressing", "True", "ReplicaSetUpdated", $"ReplicaSet \"{rs}\" is progressing.", now, touch: true);
        }

        if (prior.Reason == "ProgressDeadlineExceeded")
        {
            return prior;
        }

        var deadline = new DateTimeOffset(prior.LastUpdateTime ?? now.UtcDateTime, TimeSpan.Zero) + TimeSpan.FromSeconds(d.Model.Spec.ProgressDeadlineSeconds ?? 600);
        if (deadline <= now)
        {
            return Condition(previous, "Progressing", "False", "ProgressDeadlineExceeded", $"ReplicaSet \"{rs}\" has timed out progressing.", now);
        }

        var key = $"{d.Namespace}/{d.Name}";
        if (!_resyncAt.TryGetValue(key, out var scheduled) || scheduled != deadline)
        {
            _resyncAt[key] = deadline;
            _resync.Enqueue((d.Namespace, d.Name), deadline);
        }

        return prior;
    }

    private static bool MadeProgress(V1DeploymentStatus old, V1DeploymentStatus now) =>
        (now.UpdatedReplicas ?? 0) > (old.UpdatedReplicas ?? 0)
        || (now.ReadyReplicas ?? 0) > (old.ReadyReplicas ?? 0)
        || (now.AvailableReplicas ?? 0) > (old.AvailableReplicas ?? 0)
        || (now.Replicas ?? 0) - (now.UpdatedReplicas ?? 0) < (old.Replicas ?? 0) - (old.UpdatedReplicas ?? 0);

    /// <summary>Keeps the previous times unless the condition's status or reason changed, as Kubernetes does.</summary>
    private static V1DeploymentCondition Condition(V1DeploymentStatus? previous, string type, string status, string reason, string message, DateTimeOffset now, bool touch = false)
    {
        var prior = previous?.Conditions?.FirstOrDefault(c => c.Type == type);
        var time = new DateTime(now.UtcDateTime.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        var transition = prior is not null && prior.Status == status ? prior.LastTransitionTime : time;
        var update = !touch && prior is not null && prior.Status == status && prior.Reason == reason && prior.Message == message ? prior.LastUpdateTime : time;
        return new V1DeploymentCondition
        {
            Type = type,
            Status = status,
            Reason = reason,
            Message = message,
            LastTransitionTime = transition,
            LastUpdateTime = update,
        };
    }

    private static int? NullIfZero(int value) => value == 0 ? null : value;
}
