namespace Federation.Members.Simulation;

/// <summary>The scheduler's bookkeeping of one node: what its pods request and which pods it runs.</summary>
internal sealed class NodeState(StoredNode node)
{
    public StoredNode Node { get; set; } = node;

    public long UsedMilliCpu { get; set; }

    public long UsedMemoryBytes { get; set; }

    public HashSet<string> Pods { get; } = new(StringComparer.Ordinal);

    public bool Fits(PodTemplate t) =>
        Node.Ready
        && !Node.Unschedulable
        && UsedMilliCpu + t.MilliCpu <= Node.MilliCpu
        && UsedMemoryBytes + t.MemoryBytes <= Node.MemoryBytes
        && Pods.Count < Node.PodCapacity;
}
