using System.Text.Json.Serialization;
using k8s.Models;

namespace Federation.Members.Client;

/// <summary>
/// The part of a pod that capacity reads: the node it is bound to, what its containers request,
/// whether it has finished. A capacity read lists every pod of the member; read into the full model,
/// 10,000 pods are 10,000 object graphs (metadata, managed fields, status conditions, dates) made
/// and thrown away at each read. Read into this one, the rest of each pod is skipped as it streams by.
/// </summary>
internal sealed record PodUsage
{
    [JsonPropertyName("spec")]
    public PodUsageSpec? Spec { get; init; }

    [JsonPropertyName("status")]
    public PodUsageStatus? Status { get; init; }
}

internal sealed record PodUsageSpec
{
    [JsonPropertyName("nodeName")]
    public string? NodeName { get; init; }

    [JsonPropertyName("containers")]
    public IReadOnlyList<ContainerUsage>? Containers { get; init; }

    [JsonPropertyName("initContainers")]
    public IReadOnlyList<ContainerUsage>? InitContainers { get; init; }
}

internal sealed record ContainerUsage
{
    [JsonPropertyName("resources")]
    public V1ResourceRequirements? Resources { get; init; }
}

internal sealed record PodUsageStatus
{
    [JsonPropertyName("phase")]
    public string? Phase { get; init; }
}

/// <summary>One page of a pod list, as <see cref="PodUsage"/>s.</summary>
internal sealed record PodUsageList
{
    [JsonPropertyName("metadata")]
    public V1ListMeta? Metadata { get; init; }

    [JsonPropertyName("items")]
    public IReadOnlyList<PodUsage>? Items { get; init; }
}
