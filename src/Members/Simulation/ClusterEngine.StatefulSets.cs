using System.Globalization;
using System.Text.Json.Nodes;
using k8s.Models;

namespace Federation.Members.Simulation;

/// <summary>
/// The StatefulSet controller: pods named <c>NAME-ORDINAL</c> for ordinals from
/// <c>spec.ordinals.start</c>; with OrderedReady, one pod at a time in increasing order, each after
/// the ones before it are Ready, and removed from the highest ordinal down; a rolling update
/// replaces pods whose index is at or above the partition, highest first, one at a time once all
/// are Ready (OnDelete replaces none). Runs with the companion controllers.
/// </summary>
internal sealed partial class ClusterEngine
{
    private void SyncStatefulSet(StoredResource stored, List<StoredPod> pods, DateTimeOffset now)
    {
        var obj = stored.Node();
        var sts = KubeJson.FromNode<V1StatefulSet>(obj);
        var spec = sts.Spec;
        var (replicas, start) = (spec.Replicas ?? 1, spec.Ordinals?.Start ?? 0);
        var ordered = spec.PodManagementPolicy != "Parallel";
        var hash = TemplateHash.Of(spec.Template);
        var template = new PodTemplate(sts, hash);
        var mine = pods.Where(p => p.Template.OwnerUid == stored.Uid && Ordinal(p.Name, stored.Name) is not null)
            .ToDictionary(p => Ordinal(p.Name, stored.Name)!.Value);

        // 1. Pods outside [start, start + replicas): highest first; one at a time when ordered, once the rest are Ready.
        foreach (var (ordinal, pod) in mine.Where(m => m.Key < start || m.Key >= start + replicas).OrderByDescending(m => m.Key).ToList())
        {
            if (ordered && mine.Values.Any(p => p != pod && !p.Ready))
            {
                break;
            }

            DeletePod(pod);
            mine.Remove(ordinal);
            if (ordered)
            {
                break;
            }
        }

        // 2. Missing pods in increasing order; when ordered, only after every lower one is Ready.
        for (var ordinal = start; ordinal < start + replicas; ordinal++)
        {
            if (mine.TryGetValue(ordinal, out var existing))
            {
                if (ordered && !existing.Ready)
                {
                    break;
                }

                continue;
            }

            // Below the partition a pod comes back at the revision the others there still run.
            var partition = spec.UpdateStrategy?.RollingUpdate?.Partition ?? 0;
            var old = mine.Values.Select(p => p.Template).FirstOrDefault(t => t.Hash != hash);
            var chosen = ordinal - start < partition && old is not null ? old : template;
            mine[ordinal] = CreatePod(stored.Namespace, chosen, new OwnedPods(), now, $"{stored.Name}-{ordinal}");
            if (ordered)
            {
                break;
            }
        }

        // 3. Rolling update above the partition, highest first, when everything is Ready.
        if (spec.UpdateStrategy?.Type != "OnDelete" && mine.Count == replicas && mine.Values.All(p => p.Ready))
        {
            var partition = spec.UpdateStrategy?.RollingUpdate?.Partition ?? 0;
            var stale = mine.Where(m => m.Key - start >= partition && m.Value.Template.Hash != hash).OrderByDescending(m => m.Key).FirstOrDefault();
            if (stale.Value is { } victim)
            {
                DeletePod(victim);
                mine.Remove(stale.Key);
            }
        }

        // 4. Status.
        var revision = $"{stored.Name}-{hash}";
        var updated = mine.Values.Count(p => p.Template.Hash == hash);
        var previous = obj["status"]?["currentRevision"]?.GetValue<string>();
        var currentRevision = updated == replicas && mine.Count == replicas ? revision : previous ?? revision;
        var ready = mine.Values.Count(p => p.Ready);
        obj["status"] = new JsonObject
        {
            ["observedGeneration"] = obj["metadata"]?["generation"]?.DeepClone() ?? 1,
            ["replicas"] = mine.Count,
            ["readyReplicas"] = ready,
            ["currentReplicas"] = mine.Values.Count(p => $"{stored.Name}-{p.Template.Hash}" == currentRevision),
            ["updatedReplicas"] = updated,
            ["availableReplicas"] = ready,
            ["currentRevision"] = currentRevision,
            ["updateRevision"] = revision,
            ["collisionCount"] = 0,
        };
        Write(ResourceKind.StatefulSet, obj, now);
    }

    /// <summary>A StatefulSet's pods (being deleted ones left out): ordinal → Ready.</summary>
    public IReadOnlyDictionary<int, bool> StatefulPods(string ns, string name)
    {
        lock (_store.Gate)
        {
            if (_store.Get(ResourceKind.StatefulSet, ns, name) is not { } owner)
            {
                return new Dictionary<int, bool>();
            }

            return _store.Table(ResourceKind.Pod).Snapshot(ns, p => p is StoredPod pod && pod.Template.OwnerUid == owner.Uid && Ordinal(pod.Name, name) is not null)
                .Cast<StoredPod>()
                .ToDictionary(p => Ordinal(p.Name, name)!.Value, p => p.Ready);
        }
    }

    /// <summary>The ordinal of <c>NAME-ORDINAL</c>, or null.</summary>
    private static int? Ordinal(string pod, string name) =>
        pod.Length > name.Length + 1 && pod.StartsWith(name + "-", StringComparison.Ordinal)
            && int.TryParse(pod.AsSpan(name.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var ordinal) ? ordinal : null;
}
