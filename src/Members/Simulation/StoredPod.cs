using System.Globalization;
using System.Text.Json;
using k8s.Models;

namespace Federation.Members.Simulation;

/// <summary>A pod owned by a Deployment: a reference to its revision's template plus its own state.</summary>
internal sealed record StoredPod : StoredObject
{
    public required PodTemplate Template { get; init; }

    public string? NodeName { get; init; }

    /// <summary>Set while the scheduler found no node; the PodScheduled=False message.</summary>
    public string? UnschedulableMessage { get; init; }

    public DateTimeOffset? ScheduledAt { get; init; }

    /// <summary>Containers are running (phase Running).</summary>
    public DateTimeOffset? StartedAt { get; init; }

    public bool Ready { get; init; }

    public DateTimeOffset ReadyTransition { get; init; }

    /// <summary>Set while a container of this image crash-loops (its image was marked crashing).</summary>
    public string? CrashingImage { get; init; }

    /// <summary>Restarts of the crashing container.</summary>
    public int Restarts { get; init; }

    public override ResourceKind Kind => ResourceKind.Pod;

    public override IDictionary<string, string>? Labels => OwnLabels ?? Template.Labels;

    /// <summary>Labels set on this pod itself (<c>kubectl label</c>, an applied manifest), in place of its template's.</summary>
    public IDictionary<string, string>? OwnLabels { get; init; }

    /// <summary>Annotations set on this pod itself, in place of its template's.</summary>
    public IDictionary<string, string>? OwnAnnotations { get; init; }

    public string Phase => StartedAt is null ? "Pending" : "Running";

    public string OwnerKey => $"{Namespace}/{Template.OwnerName}";

    public override string? Field(string path) => path switch
    {
        "spec.nodeName" => NodeName ?? "",
        "status.phase" => Phase,
        _ => base.Field(path),
    };

    public override object ToModel() => KubeJson.FromUtf8<V1Pod>(Json);

    public override object?[] TableCells(DateTimeOffset now)
    {
        var ready = Ready ? Template.Containers.Length : 0;
        var status = StartedAt is not null ? "Running" : NodeName is null ? "Pending" : "ContainerCreating";
        return [Name, $"{ready}/{Template.Containers.Length}", status, Restarts, HumanDuration.Since(CreationTimestamp, now),
            StartedAt is null ? "<none>" : PodIp, NodeName ?? "<none>", "<none>", "<none>"];
    }

    public string PodIp => $"10.244.{(uint)Uid.GetHashCode(StringComparison.Ordinal) % 250}.{((uint)Uid.GetHashCode(StringComparison.Ordinal) >> 8) % 250 + 2}";

    protected override byte[] Render()
    {
        using var buffer = new MemoryStream(2048);
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            w.WriteString("apiVersion", "v1");
            w.WriteString("kind", "Pod");
            w.WritePropertyName("metadata");
            JsonSerializer.Serialize(w, Metadata(), KubeJson.Options);
            w.WritePropertyName("spec");
            w.WriteRawValue(Template.SpecJsonOn(NodeName), skipInputValidation: true);
            w.WritePropertyName("status");
            JsonSerializer.Serialize(w, Status(), KubeJson.Options);
            w.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private V1ObjectMeta Metadata() => new()
    {
        Name = Name,
        GenerateName = Template.Bare || Template.OwnerKind == "StatefulSet" ? null : $"{Template.ReplicaSetName}-",
        NamespaceProperty = Namespace,
        Uid = Uid,
        ResourceVersion = ResourceVersion.ToString(CultureInfo.InvariantCulture),
        CreationTimestamp = CreationTimestamp.UtcDateTime,
        Labels = OwnLabels ?? Template.Labels,
        Annotations = OwnAnnotations ?? Template.Annotations,
        OwnerReferences = Template.Bare ? null :
        [
            new V1OwnerReference
            {
                ApiVersion = "apps/v1",
                Kind = Template.OwnerKind,
                Name = Template.ReplicaSetName,
                Uid = Template.OwnerUid,
                Controller = true,
                BlockOwnerDeletion = true,
            },
        ],
    };

    private V1PodStatus Status()
    {
        var scheduled = ScheduledAt?.UtcDateTime;
        var transition = ReadyTransition.UtcDateTime;
        var conditions = new List<V1PodCondition>();
        if (NodeName is null)
        {
            conditions.Add(new V1PodCondition
            {
                Type = "PodScheduled", Status = "False", Reason = "Unschedulable", Message = UnschedulableMessage,
                LastTransitionTime = CreationTimestamp.UtcDateTime,
            });
        }
        else
        {
            var readyStatus = Ready ? "True" : "False";
            var reason = Ready ? null : "ContainersNotReady";
            conditions.Add(new V1PodCondition { Type = "Initialized", Status = "True", LastTransitionTime = scheduled });
            conditions.Add(new V1PodCondition { Type = "Ready", Status = readyStatus, Reason = reason, LastTransitionTime = transition });
            conditions.Add(new V1PodCondition { Type = "ContainersReady", Status = readyStatus, Reason = reason, LastTransitionTime = transition });
            conditions.Add(new V1PodCondition { Type = "PodScheduled", Status = "True", LastTransitionTime = scheduled });
        }

        var ip = StartedAt is null ? null : PodIp;
        return new V1PodStatus
        {
            Phase = Phase,
            Conditions = conditions,
            HostIP = NodeName is null ? null : "127.0.0.1",
            PodIP = ip,
            PodIPs = ip is null ? null : [new V1PodIP { Ip = ip }],
            StartTime = scheduled,
            QosClass = Template.HasRequests ? "Burstable" : "BestEffort",
            ContainerStatuses = NodeName is null ? null : Template.Containers.Select(c => new V1ContainerStatus
            {
                Name = c.Name,
                Image = c.Image,
                ImageID = StartedAt is null ? "" : $"sim://{c.Image}",
                Ready = Ready,
                Started = StartedAt is not null,
                RestartCount = CrashingImage == c.Image ? Restarts : 0,
                State = StartedAt is null
                    ? new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "ContainerCreating" } }
                    : CrashingImage == c.Image && Restarts > 0
                        ? new V1ContainerState { Waiting = new V1ContainerStateWaiting { Reason = "CrashLoopBackOff", Message = $"back-off restarting failed container {c.Name}" } }
                        : new V1ContainerState { Running = new V1ContainerStateRunning { StartedAt = StartedAt.Value.UtcDateTime } },
                LastState = CrashingImage == c.Image && Restarts > 0
                    ? new V1ContainerState { Terminated = new V1ContainerStateTerminated { ExitCode = 1, Reason = "Error" } }
                    : null,
            }).ToList(),
        };
    }
}
