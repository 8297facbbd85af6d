using System.Text;
using k8s.Models;

namespace Federation.Members.Simulation;

/// <summary>
/// What all pods of one Deployment revision share: the template (kept once, as JSON), its hash,
/// its summed resource requests. Pods keep a reference instead of a copy, which keeps 100,000 pods small.
/// </summary>
internal sealed class PodTemplate
{
    public PodTemplate(V1Deployment owner, string hash)
        : this(KubeJson.Clone(owner.Spec.Template), hash, owner.Metadata.Name, owner.Metadata.Uid)
    {
    }

    /// <summary>The template of a pod created on its own (<c>kubectl run</c>): no owner, no hash label.</summary>
    public PodTemplate(V1Pod pod)
        : this(new V1PodTemplateSpec { Metadata = pod.Metadata, Spec = pod.Spec }, "", "", "")
    {
    }

    /// <summary>The template of a StatefulSet revision: its pods are owned by the StatefulSet itself.</summary>
    public PodTemplate(V1StatefulSet owner, string hash)
        : this(KubeJson.Clone(owner.Spec.Template), hash, owner.Metadata.Name, owner.Metadata.Uid)
    {
        OwnerKind = "StatefulSet";
        Labels.Remove("pod-template-hash");
        Labels["controller-revision-hash"] = $"{owner.Metadata.Name}-{hash}";
    }

    private PodTemplate(V1PodTemplateSpec template, string hash, string ownerName, string ownerUid)
    {
        template.Spec.NodeName = null;
        Hash = hash;
        OwnerName = ownerName;
        OwnerUid = ownerUid;
        Labels = new Dictionary<string, string>(template.Metadata?.Labels ?? new Dictionary<string, string>());
        if (hash.Length > 0)
        {
            Labels["pod-template-hash"] = hash;
        }

        Annotations = template.Metadata?.Annotations;
        SpecJson = KubeJson.ToUtf8(template.Spec);
        Containers = template.Spec.Containers.Select(c => (c.Name, c.Image)).ToArray();
        foreach (var c in template.Spec.Containers)
        {
            MilliCpu += Request(c, "cpu", milli: true);
            MemoryBytes += Request(c, "memory", milli: false);
        }

        HasRequests = MilliCpu > 0 || MemoryBytes > 0;
    }

    public string Hash { get; }

    public string OwnerName { get; }

    public string OwnerUid { get; }

    /// <summary>A pod of no controller (created directly through the API).</summary>
    public bool Bare => OwnerName.Length == 0;

    /// <summary>ReplicaSet (a Deployment's revision) or StatefulSet.</summary>
    public string OwnerKind { get; } = "ReplicaSet";

    /// <summary>The owning object's name: the ReplicaSet <c>NAME-HASH</c>, or the StatefulSet.</summary>
    public string ReplicaSetName => OwnerKind == "StatefulSet" ? OwnerName : $"{OwnerName}-{Hash}";

    public IDictionary<string, string> Labels { get; }

    public IDictionary<string, string>? Annotations { get; }

    /// <summary>The pod spec without nodeName, serialised once.</summary>
    public byte[] SpecJson { get; }

    public (string Name, string Image)[] Containers { get; }

    public long MilliCpu { get; }

    public long MemoryBytes { get; }

    public bool HasRequests { get; }

    /// <summary>The spec with <c>nodeName</c> set, spliced into the cached JSON.</summary>
    public byte[] SpecJsonOn(string? nodeName)
    {
        if (nodeName is null)
        {
            return SpecJson;
        }

        var head = Encoding.UTF8.GetBytes($"{{\"nodeName\":\"{nodeName}\"{(SpecJson.Length > 2 ? "," : "")}");
        var result = new byte[head.Length + SpecJson.Length - 1];
        head.CopyTo(result, 0);
        SpecJson.AsSpan(1).CopyTo(result.AsSpan(head.Length));
        return result;
    }

    /// <summary>Kubernetes' requests rule: a limit without a request counts as the request.</summary>
    private static long Request(V1Container c, string resource, bool milli)
    {
        var q = c.Resources?.Requests?.TryGetValue(resource, out var r) == true ? r
            : c.Resources?.Limits?.TryGetValue(resource, out var l) == true ? l : null;
        return q is null ? 0 : Quantities.ToLong(q, milli);
    }
}
