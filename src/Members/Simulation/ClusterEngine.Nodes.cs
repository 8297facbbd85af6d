namespace Federation.Members.Simulation;

/// <summary>Node and pod operations that the API and the fault-injection routes trigger.</summary>
internal sealed partial class ClusterEngine
{
    public void AddNode(string name, long milliCpu, long memoryBytes)
    {
        if (milliCpu <= 0 || memoryBytes <= 0)
        {
            throw ApiException.BadRequest("node cpu and memory must be positive");
        }

        lock (_store.Gate)
        {
            if (_nodes.ContainsKey(name))
            {
                throw ApiException.AlreadyExists(ResourceKind.Node, name);
            }

            var now = Now;
            var node = new StoredNode
            {
                Namespace = "",
                Name = name,
                Uid = Guid.NewGuid().ToString(),
                ResourceVersion = _store.NextResourceVersion(),
                CreationTimestamp = now,
                MilliCpu = milliCpu,
                MemoryBytes = memoryBytes,
                Ready = true,
                ReadySince = now,
                NodeLabels = new Dictionary<string, string>
                {
                    ["kubernetes.io/hostname"] = name,
                    ["kubernetes.io/os"] = "linux",
                    ["kubernetes.io/arch"] = "amd64",
                    ["node.kubernetes.io/instance-type"] = "simulated",
                },
            };
            _nodes[name] = new NodeState(node);
            _store.Put(node, added: true);
            RoomAppeared();
        }
    }

    /// <summary>Deletes a node; its pods are deleted and their Deployments recreate them elsewhere.</summary>
    public void RemoveNode(string name)
    {
        lock (_store.Gate)
        {
            if (!_nodes.Remove(name, out var state))
            {
                throw ApiException.NotFound(ResourceKind.Node, name);
            }

            foreach (var key in state.Pods.ToList())
            {
                var slash = key.IndexOf('/', StringComparison.Ordinal);
                if (_store.Get(ResourceKind.Pod, key[..slash], key[(slash + 1)..]) is StoredPod pod)
                {
                    DeletePod(pod);
                    Enqueue(pod.Namespace, pod.Template.OwnerName);
                }
            }

            _store.Delete(ResourceKind.Node, "", name);
        }
    }

    public void SetNodeReady(string name, bool ready)
    {
        lock (_store.Gate)
        {
            if (!_nodes.TryGetValue(name, out var state))
            {
                throw ApiException.NotFound(ResourceKind.Node, name);
            }

            if (state.Node.Ready == ready)
            {
                return;
            }

            var now = Now;
            state.Node = state.Node with { ResourceVersion = _store.NextResourceVersion(), Ready = ready, ReadySince = now };
            _store.Put(state.Node, added: false);
            RefreshReadiness(PodsOn(state), now);
            if (ready)
            {
                RoomAppeared();
            }
        }
    }

    /// <summary>A node's labels, annotations and cordon changed through the API; an uncordoned node may take waiting pods.</summary>
    public StoredNode PatchNode(string name, Func<StoredNode, StoredNode> change)
    {
        lock (_store.Gate)
        {
            if (!_nodes.TryGetValue(name, out var state))
            {
                throw ApiException.NotFound(ResourceKind.Node, name);
            }

            var uncordoned = state.Node.Unschedulable;
            state.Node = change(state.Node) with { ResourceVersion = _store.NextResourceVersion() };
            _store.Put(state.Node, added: false);
            if (uncordoned && !state.Node.Unschedulable && state.Node.Ready)
            {
                RoomAppeared();
            }

            return state.Node;
        }
    }

    public void SetDeploymentUnhealthy(string ns, string name, bool unhealthy)
    {
        lock (_store.Gate)
        {
            // Kept apart from the Deployment, so it can be set before the Deployment exists.
            var key = $"{ns}/{name}";
            if (unhealthy)
            {
                _unhealthy.Add(key);
            }
            else
            {
                _unhealthy.Remove(key);
            }

            if (_owned.TryGetValue(key, out var owned))
            {
                RefreshReadiness(PodsOf(ns, owned), Now);
            }

            Enqueue(ns, name);
        }
    }

    /// <summary>A pod deleted through the API; its Deployment replaces it.</summary>
    public StoredObject DeletePodByApi(string ns, string name)
    {
        lock (_store.Gate)
        {
            if (_store.Get(ResourceKind.Pod, ns, name) is not StoredPod pod)
            {
                throw ApiException.NotFound(ResourceKind.Pod, name);
            }

            DeletePod(pod);
            Enqueue(ns, pod.Template.OwnerName);
            return pod;
        }
    }

    public int ReadyReplicas(string ns, string name)
    {
        lock (_store.Gate)
        {
            return _store.Get(ResourceKind.Deployment, ns, name) is StoredDeployment d ? d.Model.Status?.ReadyReplicas ?? 0 : 0;
        }
    }

    public int SpecReplicas(string ns, string name)
    {
        lock (_store.Gate)
        {
            return _store.Get(ResourceKind.Deployment, ns, name) is StoredDeployment d ? d.SpecReplicas : 0;
        }
    }

    /// <summary>Every Deployment of a namespace: name → (spec replicas, ready replicas), read at one moment.</summary>
    public (Dictionary<string, (int Spec, int Ready)> Replicas, long Version) DeploymentReplicas(string ns)
    {
        lock (_store.Gate)
        {
            return (_store.Table(ResourceKind.Deployment).Snapshot(ns, _ => true).Cast<StoredDeployment>()
                .ToDictionary(d => d.Name, Replicas, StringComparer.Ordinal), _store.ResourceVersion);
        }
    }

    /// <summary>
    /// The Deployments of <paramref name="ns"/> changed after resourceVersion <paramref name="since"/>, each once
    /// with what it holds now (a deleted one as 0 and 0), and the version to ask from next; null when the event
    /// window no longer reaches back that far, as a watch from there would get 410 Gone.
    /// </summary>
    public (List<(string Name, int Spec, int Ready)> Changes, long Version)? DeploymentChanges(string ns, long since)
    {
        lock (_store.Gate)
        {
            var ring = _store.Ring(ResourceKind.Deployment);
            if (ring.EvictedUpTo > since)
            {
                return null;
            }

            var events = new List<WatchEvent>();
            ring.After(since, o => o.Namespace == ns, events);

            // What each changed Deployment holds now, read from the table: an event's own object may be an
            // older version, superseded, which would be parsed again to be read.
            var table = _store.Table(ResourceKind.Deployment);
            return ([.. events.Select(e => e.Object.Name).Distinct(StringComparer.Ordinal).Select(name =>
                    table.Get(ns, name) is StoredDeployment d ? (name, Replicas(d).Spec, Replicas(d).Ready) : (name, 0, 0))],
                _store.ResourceVersion);
        }
    }

    private static (int Spec, int Ready) Replicas(StoredDeployment d) => (d.SpecReplicas, d.Model.Status?.ReadyReplicas ?? 0);

    /// <summary>Pods that are Ready, cluster-wide (benchmarks wait on it).</summary>
    public long ReadyPods()
    {
        lock (_store.Gate)
        {
            return _store.Table(ResourceKind.Pod).Snapshot(null, p => ((StoredPod)p).Ready).Count;
        }
    }

    private IEnumerable<StoredPod> PodsOn(NodeState state)
    {
        foreach (var key in state.Pods.ToList())
        {
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            if (_store.Get(ResourceKind.Pod, key[..slash], key[(slash + 1)..]) is StoredPod pod)
            {
                yield return pod;
            }
        }
    }

    private void RoomAppeared()
    {
        _roomAppeared = true;
        Kick();
    }
}
