namespace Federation.Members.Simulation;

/// <summary>The scheduler (first fit by requests onto Ready nodes) and the kubelet (start-up delay, readiness).</summary>
internal sealed partial class ClusterEngine
{
    /// <summary>A pod created through the API (<c>kubectl run</c>): scheduled and started like any other, replaced by nobody.</summary>
    public StoredPod CreateBarePod(string ns, k8s.Models.V1Pod pod)
    {
        lock (_store.Gate)
        {
            NamespaceOps.Require(_store, ns);
            var name = pod.Metadata?.Name is { Length: > 0 } given ? given
                : pod.Metadata?.GenerateName is { Length: > 0 } prefix ? prefix + TemplateHash.RandomSuffix()
                : throw ApiException.Invalid(ResourceKind.Pod, "", [("metadata.name", "Required value: name or generateName is required")]);
            if (_store.Get(ResourceKind.Pod, ns, name) is not null)
            {
                throw ApiException.AlreadyExists(ResourceKind.Pod, name);
            }

            if (pod.Spec?.Containers is not { Count: > 0 } containers || containers.Any(c => string.IsNullOrEmpty(c.Name) || string.IsNullOrEmpty(c.Image)))
            {
                throw ApiException.Invalid(ResourceKind.Pod, name, [("spec.containers", "Required value")]);
            }

            if (ResourceValidation.Of(pod, pod.Spec, "spec").ToList() is { Count: > 0 } problems)
            {
                throw ApiException.Invalid(ResourceKind.Pod, name, problems);
            }

            var created = CreatePod(ns, new PodTemplate(pod), new OwnedPods(), Now, name);
            Kick();
            return created;
        }
    }

    private StoredPod CreatePod(string ns, PodTemplate template, OwnedPods owned, DateTimeOffset now, string? fixedName = null)
    {
        var name = fixedName ?? "";
        while (name.Length == 0 || (fixedName is null && _store.Get(ResourceKind.Pod, ns, name) is not null))
        {
            name = $"{template.ReplicaSetName}-{TemplateHash.RandomSuffix()}";
        }

        var pod = new StoredPod
        {
            Namespace = ns,
            Name = name,
            Uid = Guid.NewGuid().ToString(),
            ResourceVersion = _store.NextResourceVersion(),
            CreationTimestamp = now,
            Template = template,
            ReadyTransition = now,
        };
        owned.Pods.Add(name);
        pod = TrySchedule(pod, now) ?? pod;
        if (pod.NodeName is null)
        {
            pod = pod with { UnschedulableMessage = UnschedulableMessage(template) };
            _pending.Add((pod.CreationTimestamp, $"{ns}/{name}"));
        }

        _store.Put(pod, added: true);
        RecordScheduling(pod);
        return pod;
    }

    /// <summary>Removes a pod and its node bookkeeping; returns the owner key.</summary>
    private void DeletePod(StoredPod pod)
    {
        var key = $"{pod.Namespace}/{pod.Name}";
        if (pod.NodeName is not null && _nodes.TryGetValue(pod.NodeName, out var node) && node.Pods.Remove(key))
        {
            node.UsedMilliCpu -= pod.Template.MilliCpu;
            node.UsedMemoryBytes -= pod.Template.MemoryBytes;
            _roomAppeared = true;
        }

        _pending.Remove((pod.CreationTimestamp, key));
        if (_owned.TryGetValue(pod.OwnerKey, out var owned))
        {
            owned.Pods.Remove(pod.Name);
        }

        _store.Delete(ResourceKind.Pod, pod.Namespace, pod.Name);
    }

    /// <summary>Binds the pod to the first Ready node with room, or returns null.</summary>
    private StoredPod? TrySchedule(StoredPod pod, DateTimeOffset now)
    {
        foreach (var node in _nodes.Values)
        {
            if (!node.Fits(pod.Template))
            {
                continue;
            }

            node.UsedMilliCpu += pod.Template.MilliCpu;
            node.UsedMemoryBytes += pod.Template.MemoryBytes;
            node.Pods.Add($"{pod.Namespace}/{pod.Name}");
            _starting.Enqueue((pod.Namespace, pod.Name), now + _startupDelay);
            return pod with { NodeName = node.Node.Name, UnschedulableMessage = null, ScheduledAt = now };
        }

        return null;
    }

    private string UnschedulableMessage(PodTemplate t)
    {
        int cpu = 0, memory = 0, notReady = 0, cordoned = 0, full = 0;
        foreach (var node in _nodes.Values)
        {
            if (!node.Node.Ready)
            {
                notReady++;
            }
            else if (node.Node.Unschedulable)
            {
                cordoned++;
            }
            else if (node.UsedMilliCpu + t.MilliCpu > node.Node.MilliCpu)
            {
                cpu++;
            }
            else if (node.UsedMemoryBytes + t.MemoryBytes > node.Node.MemoryBytes)
            {
                memory++;
            }
            else
            {
                full++;
            }
        }

        var reasons = new List<string>();
        if (cpu > 0)
        {
            reasons.Add($"{cpu} Insufficient cpu");
        }

        if (memory > 0)
        {
            reasons.Add($"{memory} Insufficient memory");
        }

        if (notReady > 0)
        {
            reasons.Add($"{notReady} node(s) had untolerated taint {{node.kubernetes.io/not-ready: }}");
        }

        if (cordoned > 0)
        {
            reasons.Add($"{cordoned} node(s) were unschedulable");
        }

        if (full > 0)
        {
            reasons.Add($"{full} Too many pods");
        }

        return $"0/{_nodes.Count} nodes are available: {string.Join(", ", reasons)}.";
    }

    private void RecordScheduling(StoredPod pod)
    {
        if (pod.NodeName is { } node)
        {
            Record(pod, "Normal", "Scheduled", $"Successfully assigned {pod.Namespace}/{pod.Name} to {node}", "default-scheduler");
        }
        else
        {
            Record(pod, "Warning", "FailedScheduling", pod.UnschedulableMessage ?? "", "default-scheduler");
        }
    }

    /// <summary>Tries every pending pod, oldest first, after capacity was freed or added.</summary>
    private void SchedulePending(DateTimeOffset now)
    {
        foreach (var (created, key) in _pending.ToList())
        {
            var slash = key.IndexOf('/', StringComparison.Ordinal);
            if (_store.Get(ResourceKind.Pod, key[..slash], key[(slash + 1)..]) is not StoredPod pod)
            {
                _pending.Remove((created, key));
                continue;
            }

            if (TrySchedule(pod, now) is { } bound)
            {
                _pending.Remove((created, key));
                bound = bound with { ResourceVersion = _store.NextResourceVersion() };
                _store.Put(bound, added: false);
                RecordScheduling(bound);
                Enqueue(pod.Namespace, pod.Template.OwnerName);
            }
        }
    }

    /// <summary>Pods whose start-up delay has passed start running, and become Ready when allowed.</summary>
    private void StartDuePods(DateTimeOffset now)
    {
        while (_starting.TryPeek(out var id, out var due) && due <= now)
        {
            _starting.Dequeue();
            if (_store.Get(ResourceKind.Pod, id.Ns, id.Name) is not StoredPod pod || pod.NodeName is null)
            {
                continue;
            }

            if (pod.StartedAt is not null)
            {
                if (pod.CrashingImage is not null)
                {
                    Restart(pod, due);
                }

                continue;
            }

            var ready = ShouldBeReady(pod);
            var crashing = CrashingImage(pod);
            _store.Put(pod with
            {
                ResourceVersion = _store.NextResourceVersion(),
                StartedAt = due,
                Ready = ready,
                ReadyTransition = ready ? due : pod.ReadyTransition,
                CrashingImage = crashing,
            }, added: false);
            if (crashing is not null)
            {
                _starting.Enqueue((pod.Namespace, pod.Name), due);
            }

            Enqueue(pod.Namespace, pod.Template.OwnerName);
        }
    }

    private bool ShouldBeReady(StoredPod pod) =>
        pod.NodeName is not null
        && _nodes.TryGetValue(pod.NodeName, out var node) && node.Node.Ready
        && !_unhealthy.Contains(pod.OwnerKey)
        && ImagesHealthy(pod);

    /// <summary>Re-evaluates readiness of started pods (after a node or health change).</summary>
    private void RefreshReadiness(IEnumerable<StoredPod> pods, DateTimeOffset now)
    {
        foreach (var pod in pods)
        {
            if (pod.StartedAt is null)
            {
                continue;
            }

            var ready = ShouldBeReady(pod);
            if (ready != pod.Ready)
            {
                _store.Put(pod with { ResourceVersion = _store.NextResourceVersion(), Ready = ready, ReadyTransition = now }, added: false);
                Enqueue(pod.Namespace, pod.Template.OwnerName);
            }
        }
    }
}
