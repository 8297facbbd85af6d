using System.Globalization;
using k8s.Models;

namespace Federation.Members.Simulation;

internal sealed record StoredNode : StoredObject
{
    public const string KubeletVersion = "v1.32.0-sim";

    public required long MilliCpu { get; init; }

    public required long MemoryBytes { get; init; }

    public required bool Ready { get; init; }

    public required DateTimeOffset ReadySince { get; init; }

    public required IDictionary<string, string> NodeLabels { get; init; }

    public IDictionary<string, string>? NodeAnnotations { get; init; }

    /// <summary>Cordoned (<c>kubectl cordon</c>): it runs its pods, and the scheduler puts no new one there.</summary>
    public bool Unschedulable { get; init; }

    public override ResourceKind Kind => ResourceKind.Node;

    public override IDictionary<string, string>? Labels => NodeLabels;

    /// <summary>Pods a node admits; real kubelets default to 110, larger simulated nodes scale it with their CPU.</summary>
    public long PodCapacity => Math.Max(110, MilliCpu / 100);

    public override object ToModel()
    {
        var quantities = new Dictionary<string, ResourceQuantity>
        {
            ["cpu"] = new($"{MilliCpu}m"),
            ["memory"] = new(MemoryBytes.ToString(CultureInfo.InvariantCulture)),
            ["pods"] = new(PodCapacity.ToString(CultureInfo.InvariantCulture)),
        };
        var time = ReadySince.UtcDateTime;
        return new V1Node
        {
            ApiVersion = "v1",
            Kind = "Node",
            Metadata = new V1ObjectMeta
            {
                Name = Name,
                Uid = Uid,
                ResourceVersion = ResourceVersion.ToString(CultureInfo.InvariantCulture),
                CreationTimestamp = CreationTimestamp.UtcDateTime,
                Labels = new Dictionary<string, string>(NodeLabels),
                Annotations = NodeAnnotations is null ? null : new Dictionary<string, string>(NodeAnnotations),
            },
            Spec = new V1NodeSpec { Unschedulable = Unschedulable ? true : null },
            Status = new V1NodeStatus
            {
                Capacity = quantities,
                Allocatable = new Dictionary<string, ResourceQuantity>(quantities),
                Conditions =
                [
                    new V1NodeCondition
                    {
                        Type = "Ready",
                        Status = Ready ? "True" : "Unknown",
                        LastHeartbeatTime = time,
                        LastTransitionTime = time,
                        Reason = Ready ? "KubeletReady" : "NodeStatusUnknown",
                        Message = Ready ? "kubelet is posting ready status" : "Kubelet stopped posting node status.",
                    },
                ],
                NodeInfo = new V1NodeSystemInfo
                {
                    KubeletVersion = KubeletVersion,
                    KubeProxyVersion = KubeletVersion,
                    Architecture = "amd64",
                    OperatingSystem = "linux",
                    OsImage = "Simulated",
                    KernelVersion = "sim",
                    ContainerRuntimeVersion = "sim://1.0",
                    MachineID = Uid,
                    SystemUUID = Uid,
                    BootID = Uid,
                },
                Addresses = [new V1NodeAddress { Type = "InternalIP", Address = "127.0.0.1" }, new V1NodeAddress { Type = "Hostname", Address = Name }],
            },
        };
    }

    public override object?[] TableCells(DateTimeOffset now) =>
        [Name, (Ready ? "Ready" : "NotReady") + (Unschedulable ? ",SchedulingDisabled" : ""), "<none>", HumanDuration.Since(CreationTimestamp, now), KubeletVersion];
}
