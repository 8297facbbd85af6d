using Federation.Api;
using Federation.Grains;

namespace Federation.Cli;

/// <summary>Member clusters as tables and details.</summary>
internal static class ClusterPrinter
{
    public static void List(TextWriter writer, IReadOnlyList<ClusterView> clusters)
    {
        var table = new TextTable("NAME", "STATE", "READY-NODES", "CPU-FREE", "MEM-FREE", "LATENCY", "LABELS");
        foreach (var c in clusters.OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            table.Add(
                c.Name,
                c.State.ToString(),
                c.Capacity is { } cap ? $"{cap.ReadyNodes}/{cap.Nodes}" : null,
                c.Capacity is { } cpu ? $"{Units.Cpu(cpu.FreeMilliCpu)}/{Units.Cpu(cpu.AllocatableMilliCpu)}" : null,
                c.Capacity is { } mem ? $"{Units.Memory(mem.FreeMemoryBytes)}/{Units.Memory(mem.AllocatableMemoryBytes)}" : null,
                c.ProbeLatencyMs is { } ms ? $"{ms:0}ms" : null,
                Labels(c.Labels));
        }

        if (table.Count == 0)
        {
            writer.WriteLine("No member clusters. Join one with: clusters join NAME --server URL");
            return;
        }

        table.WriteTo(writer);
    }

    public static void Details(TextWriter writer, ClusterView c)
    {
        writer.WriteLine($"Name:          {c.Name}");
        writer.WriteLine($"Server:        {c.Server}");
        writer.WriteLine($"State:         {c.State} since {Units.Time(c.StateSince)}");
        if (c.MaintenanceUntil is { } until)
        {
            writer.WriteLine($"Maintenance:   until {Units.Time(until)}");
        }

        if (c.HeldDownUntil is { } held)
        {
            writer.WriteLine($"Held down:     until {Units.Time(held)} (flapping)");
        }

        writer.WriteLine($"Labels:        {Labels(c.Labels) ?? "-"}");
        writer.WriteLine($"Joined:        {Units.Time(c.JoinedAt)}");
        writer.WriteLine($"Probe latency: {(c.ProbeLatencyMs is { } ms ? $"{ms:0}ms" : "-")}");
        if (c.LastProbeError is { Length: > 0 } error)
        {
            writer.WriteLine($"Last error:    {error}");
        }

        if (c.Capacity is { } cap)
        {
            writer.WriteLine($"Nodes:         {cap.ReadyNodes} ready of {cap.Nodes}");
            writer.WriteLine($"CPU:           {Units.Cpu(cap.FreeMilliCpu)} free of {Units.Cpu(cap.AllocatableMilliCpu)} allocatable");
            writer.WriteLine($"Memory:        {Units.Memory(cap.FreeMemoryBytes)} free of {Units.Memory(cap.AllocatableMemoryBytes)} allocatable");
            writer.WriteLine($"Observed:      {Units.Time(cap.ObservedAt)}");
        }

        writer.WriteLine();
        var workloads = c.Workloads ?? [];
        if (workloads.Count == 0)
        {
            writer.WriteLine("Workloads:     none");
            return;
        }

        var table = new TextTable("APPLICATION", "TARGET", "APPLIED", "READY", "UNKNOWN", "LOST");
        foreach (var w in workloads.OrderBy(w => w.Application, StringComparer.Ordinal))
        {
            table.Add(w.Application, $"{w.Target}", $"{w.Applied}", $"{w.Ready}", $"{w.Unknown}", $"{w.Lost}");
        }

        table.WriteTo(writer);
    }

    /// <summary>The orphans a join found: what they are and what was done with them.</summary>
    public static void Orphans(TextWriter writer, IReadOnlyList<OrphanView> orphans)
    {
        foreach (var o in orphans)
        {
            writer.WriteLine($"orphan {o.Application}: {o.Replicas} replica(s), {o.Ready} ready ({o.Reason}): {o.Outcome}");
        }

        if (orphans.Any(o => o.Outcome == "kept"))
        {
            writer.WriteLine("orphans are left as they are; to hand them to their applications or delete them, unjoin and join again with --adopt or --clean");
        }
    }

    public static void Forgotten(TextWriter writer, ForgetResult result)
    {
        writer.WriteLine($"cluster {result.Member} forgotten");
        foreach (var a in result.Applications)
        {
            writer.WriteLine($"  {a.Application}: {a.Abandoned} replica(s) abandoned there; {a.Placed} of {a.Replicas} placed elsewhere (floor {a.Floor})");
        }
    }

    public static string? Labels(IReadOnlyDictionary<string, string>? labels) =>
        labels is null || labels.Count == 0
            ? null
            : string.Join(",", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}={l.Value}"));
}
