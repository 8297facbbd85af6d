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
        var rs = template.ReplicaSetName;
        var prior = previous?.Conditions?.FirstOrDefault(c => c.Type == "Progressing");
        var (reason, message) = complete
            ? ("NewReplicaSetAvailable", $"ReplicaSet \"{rs}\" has successfully progressed.")
            : prior is null || prior.Message?.Contains($"\"{rs}\"", StringComparison.Ordinal) != true
                ? ("NewReplicaSetCreated", $"Created new replica set \"{rs}\"")
                : ("ReplicaSetUpdated", $"ReplicaSet \"{rs}\" is progressing.");
        var progressing = Condition(previous, "Progressing", "True", reason, message, now);
        status.Conditions = [availableCondition, progressing];

        if (previous is not null && KubeJson.ToUtf8(previous).AsSpan().SequenceEqual(KubeJson.ToUtf8(status)))
        {
            return;
        }

        var model = d.Copy();
        model.Status = status;
        _store.Put(StoredDeployment.Create(model, _store.NextResourceVersion()), added: false);
    }

    /// <summary>Keeps the previous times unless the condition's status or reason changed, as Kubernetes does.</summary>
    private static V1DeploymentCondition Condition(V1DeploymentStatus? previous, string type, string status, string reason, string message, DateTimeOffset now)
    {
        var prior = previous?.Conditions?.FirstOrDefault(c => c.Type == type);
        var time = new DateTime(now.UtcDateTime.Ticks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
        var transition = prior is not null && prior.Status == status ? prior.LastTransitionTime : time;
        var update = prior is not null && prior.Status == status && prior.Reason == reason && prior.Message == message ? prior.LastUpdateTime : time;
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
