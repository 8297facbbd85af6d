using System.Text.Json.Nodes;
using k8s.Models;

namespace Federation.Members.Simulation;

/// <summary>
/// The controllers of the companion kinds, run when pods, Services, PodDisruptionBudgets or
/// StatefulSets of a namespace changed: StatefulSet pods, the EndpointSlice of each Service (its
/// running pods by selector) and the status of each PodDisruptionBudget (healthy pods against
/// minAvailable/maxUnavailable).
/// </summary>
internal sealed partial class ClusterEngine
{
    private readonly HashSet<string> _dirtyNamespaces = new(StringComparer.Ordinal);

    // Namespaces that have had a StatefulSet: their pods are collected when it goes, even if it was the last companion there.
    private readonly HashSet<string> _statefulNamespaces = new(StringComparer.Ordinal);

    private void Observe(StoredObject o)
    {
        if (o.Kind is ResourceKind.Pod or ResourceKind.Service or ResourceKind.PodDisruptionBudget or ResourceKind.StatefulSet)
        {
            _dirtyNamespaces.Add(o.Namespace);
            if (o.Kind == ResourceKind.StatefulSet)
            {
                _statefulNamespaces.Add(o.Namespace);
            }

            Kick();
        }
    }

    private void RefreshCompanions(DateTimeOffset now)
    {
        var dirty = _dirtyNamespaces.ToList();
        _dirtyNamespaces.Clear();
        foreach (var ns in dirty)
        {
            var services = _store.Table(ResourceKind.Service).InNamespace(ns).Cast<StoredResource>().ToList();
            var budgets = _store.Table(ResourceKind.PodDisruptionBudget).InNamespace(ns).Cast<StoredResource>().ToList();
            var slices = _store.Table(ResourceKind.EndpointSlice).InNamespace(ns).Cast<StoredResource>().ToList();
            var sets = _store.Table(ResourceKind.StatefulSet).InNamespace(ns).Cast<StoredResource>().ToList();
            if (services.Count == 0 && budgets.Count == 0 && slices.Count == 0 && sets.Count == 0 && !_statefulNamespaces.Contains(ns))
            {
                continue;
            }

            var pods = _store.Table(ResourceKind.Pod).InNamespace(ns).Cast<StoredPod>().ToList();
            foreach (var set in sets)
            {
                SyncStatefulSet(set, pods, now);
            }

            // Pods of StatefulSets that are gone are garbage.
            foreach (var orphan in pods.Where(p => p.Template.OwnerKind == "StatefulSet" && !sets.Any(s => s.Uid == p.Template.OwnerUid)).ToList())
            {
                DeletePod(orphan);
            }

            pods = _store.Table(ResourceKind.Pod).InNamespace(ns).Cast<StoredPod>().ToList();
            foreach (var service in services)
            {
                Write(ResourceKind.EndpointSlice, Endpoints.Slice(service, pods), now);
            }

            foreach (var orphan in slices.Where(s => !services.Any(svc => Endpoints.SliceName(svc) == s.Name)))
            {
                _store.Delete(ResourceKind.EndpointSlice, ns, orphan.Name);
            }

            foreach (var budget in budgets)
            {
                var obj = budget.Node();
                obj["status"] = Disruptions.Status(obj, pods, budget.Node()["status"] as JsonObject, now);
                Write(ResourceKind.PodDisruptionBudget, obj, now);
            }
        }
    }

    /// <summary>Stores a controller-computed object when it differs from the stored one.</summary>
    private void Write(ResourceKind kind, JsonObject obj, DateTimeOffset now)
    {
        var meta = obj["metadata"]!.AsObject();
        var ns = meta["namespace"]!.GetValue<string>();
        var name = meta["name"]!.GetValue<string>();
        if (_store.Get(kind, ns, name) is StoredResource existing)
        {
            var old = existing.Node();
            meta["uid"] = old["metadata"]!["uid"]!.DeepClone();
            meta["creationTimestamp"] = old["metadata"]!["creationTimestamp"]!.DeepClone();
            meta["resourceVersion"] = old["metadata"]!["resourceVersion"]!.DeepClone();
            if (JsonNode.DeepEquals(obj, old))
            {
                return;
            }

            _store.Put(StoredResource.From(kind, obj, _store.NextResourceVersion()), added: false);
            return;
        }

        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = $"{now.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss'Z'}";
        _store.Put(StoredResource.From(kind, obj, _store.NextResourceVersion()), added: true);
    }

    /// <summary>Pods a label selector picks (a JSON selector; null matches none, empty matches all).</summary>
    internal static List<StoredPod> Selected(JsonNode? selector, List<StoredPod> pods)
    {
        if (selector is not JsonObject s)
        {
            return [];
        }

        var parsed = LabelSelector.From(KubeJson.FromNode<V1LabelSelector>(s));
        return pods.Where(p => parsed.Matches(p.Labels)).ToList();
    }
}
