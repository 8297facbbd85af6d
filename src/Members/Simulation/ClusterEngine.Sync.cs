namespace Federation.Members.Simulation;

/// <summary>
/// The deployment controller's sync: reads the Deployment and its pods, then in a fixed order
/// garbage-collects, scales or rolls (RollingUpdate with maxSurge/maxUnavailable, or Recreate),
/// and writes the status when it changed.
/// </summary>
internal sealed partial class ClusterEngine
{
    private void Sync(string ns, string name, DateTimeOffset now)
    {
        var key = $"{ns}/{name}";
        _owned.TryGetValue(key, out var owned);

        // 1. Gone: its pods are garbage, as with background propagation.
        if (_store.Get(ResourceKind.Deployment, ns, name) is not StoredDeployment d)
        {
            if (owned is not null)
            {
                foreach (var pod in PodsOf(ns, owned))
                {
                    DeletePod(pod);
                }

                _owned.Remove(key);
            }

            return;
        }

        if (owned is null)
        {
            owned = new OwnedPods();
            _owned[key] = owned;
        }

        // 2. The current revision's template (hashed once per Deployment version).
        if (owned.HashedVersion != d.ResourceVersion)
        {
            owned.CurrentHash = TemplateHash.Of(d.Model.Spec.Template);
            owned.HashedVersion = d.ResourceVersion;
        }

        var hash = owned.CurrentHash;
        if (!owned.Templates.TryGetValue(hash, out var template) || template.OwnerUid != d.Uid)
        {
            template = new PodTemplate(d.Model, hash);
            owned.Templates[hash] = template;
        }

        // 3. Pods of an earlier Deployment with the same name are not ours.
        var pods = PodsOf(ns, owned);
        foreach (var stale in pods.Where(p => p.Template.OwnerUid != d.Uid).ToList())
        {
            DeletePod(stale);
            pods.Remove(stale);
        }

        var current = pods.Where(p => p.Template.Hash == hash).ToList();
        var old = pods.Where(p => p.Template.Hash != hash).ToList();
        var desired = d.SpecReplicas;
        var before = pods.CountBy(p => p.Template.ReplicaSetName).ToDictionary();

        // 4. Scale or roll.
        if (d.Model.Spec.Paused != true)
        {
            if (d.Model.Spec.Strategy?.Type == "Recreate" || old.Count == 0)
            {
                RemovePods(old, old.Count);
                ScaleTo(ns, template, owned, current, desired, now);
            }
            else
            {
                Roll(ns, d, template, owned, current, old, now);
            }
        }

        // 5. Scaling events, one per replica set whose size changed, as the controller records them.
        var sizes = PodsOf(ns, owned).CountBy(p => p.Template.ReplicaSetName).ToDictionary();
        foreach (var rs in owned.Templates.Values.Select(t => t.ReplicaSetName))
        {
            var (was, after) = (before.GetValueOrDefault(rs), sizes.GetValueOrDefault(rs));
            if (after != was)
            {
                Record(d, "Normal", "ScalingReplicaSet", $"Scaled {(after > was ? "up" : "down")} replica set {rs} from {was} to {after}", "deployment-controller");
            }
        }

        // 6. Drop templates no pod uses any more.
        foreach (var unused in owned.Templates.Keys.Where(h => h != hash && !PodsOf(ns, owned).Any(p => p.Template.Hash == h)).ToList())
        {
            owned.Templates.Remove(unused);
        }

        // 7. Status.
        WriteStatus(d, template, PodsOf(ns, owned), now);
    }

    private void Roll(string ns, StoredDeployment d, PodTemplate template, OwnedPods owned, List<StoredPod> current, List<StoredPod> old, DateTimeOffset now)
    {
        var desired = d.SpecReplicas;
        var (maxSurge, maxUnavailable) = RolloutLimits.Resolve(d.Model, desired);
        var maxTotal = desired + maxSurge;

        // Scaled down mid-rollout: trim old pods, then new ones, to the surge bound.
        var excess = current.Count + old.Count - maxTotal;
        excess -= RemovePods(old, excess);
        RemovePods(current, Math.Max(excess, current.Count - desired));

        // New revision up to the surge bound.
        var up = Math.Min(maxTotal - current.Count - old.Count, desired - current.Count);
        for (var i = 0; i < up; i++)
        {
            current.Add(CreatePod(ns, template, owned, now));
        }

        // Old revision down, unhealthy first, never below desired - maxUnavailable available.
        var minAvailable = desired - maxUnavailable;
        var newUnavailable = current.Count(p => !p.Ready);
        var maxScaledDown = current.Count + old.Count - minAvailable - newUnavailable;
        if (maxScaledDown <= 0)
        {
            return;
        }

        var unhealthy = old.Where(p => !p.Ready).ToList();
        var cleaned = RemovePods(unhealthy, maxScaledDown);
        old.RemoveAll(p => !owned.Pods.Contains(p.Name));
        var available = current.Count(p => p.Ready) + old.Count(p => p.Ready);
        var healthy = old.Where(p => p.Ready).ToList();
        var scaledDown = cleaned + RemovePods(healthy, Math.Min(available - minAvailable, maxScaledDown - cleaned));

        // Scaling the old revision down makes room for the new one: take the next step, as the
        // real controller does when the old ReplicaSet's update event comes back.
        if (scaledDown > 0)
        {
            Enqueue(ns, d.Name);
        }
    }

    private void ScaleTo(string ns, PodTemplate template, OwnedPods owned, List<StoredPod> pods, int desired, DateTimeOffset now)
    {
        for (var i = pods.Count; i < desired; i++)
        {
            pods.Add(CreatePod(ns, template, owned, now));
        }

        RemovePods(pods, pods.Count - desired);
    }

    /// <summary>Deletes up to <paramref name="count"/> pods, the least useful first (pending, starting, unready, newest).</summary>
    private int RemovePods(List<StoredPod> pods, int count)
    {
        if (count <= 0)
        {
            return 0;
        }

        var victims = pods
            .OrderBy(p => p.NodeName is null ? 0 : 1)
            .ThenBy(p => p.StartedAt is null ? 0 : 1)
            .ThenBy(p => p.Ready ? 1 : 0)
            .ThenByDescending(p => p.CreationTimestamp)
            .Take(count)
            .ToList();
        foreach (var victim in victims)
        {
            DeletePod(victim);
            pods.Remove(victim);
        }

        return victims.Count;
    }

    private List<StoredPod> PodsOf(string ns, OwnedPods owned)
    {
        var pods = new List<StoredPod>(owned.Pods.Count);
        foreach (var name in owned.Pods)
        {
            if (_store.Get(ResourceKind.Pod, ns, name) is StoredPod pod)
            {
                pods.Add(pod);
            }
        }

        return pods;
    }
}
