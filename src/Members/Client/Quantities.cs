using Federation.Capacity;
using k8s.Models;

namespace Federation.Members.Client;

/// <summary>Kubernetes resource quantities ("500m", "1", "256Mi", "1Gi") as whole milli-CPU and bytes.</summary>
internal static class Quantities
{
    /// <summary>Parses a quantity by the one grammar of the system (<see cref="QuantityParser"/>).</summary>
    public static bool TryParse(string? text, out decimal value) => QuantityParser.TryParse(text, out value);

    public static long ToMilli(decimal cores) => QuantityParser.ToMilli(cores);

    public static long ToWhole(decimal amount) => QuantityParser.ToWhole(amount);

    /// <summary>A container's CPU request in milli-cores; as in Kubernetes, a limit without a request is the request.</summary>
    public static long MilliCpu(V1ResourceRequirements? resources) =>
        Request(resources, "cpu") is { } q ? ToMilli(q.ToDecimal()) : 0;

    /// <summary>A container's memory request in bytes; as in Kubernetes, a limit without a request is the request.</summary>
    public static long MemoryBytes(V1ResourceRequirements? resources) =>
        Request(resources, "memory") is { } q ? ToWhole(q.ToDecimal()) : 0;

    public static long MilliCpu(IDictionary<string, ResourceQuantity>? amounts) =>
        amounts is not null && amounts.TryGetValue("cpu", out var q) && q is not null ? ToMilli(q.ToDecimal()) : 0;

    public static long MemoryBytes(IDictionary<string, ResourceQuantity>? amounts) =>
        amounts is not null && amounts.TryGetValue("memory", out var q) && q is not null ? ToWhole(q.ToDecimal()) : 0;

    private static ResourceQuantity? Request(V1ResourceRequirements? resources, string name) =>
        resources?.Requests?.TryGetValue(name, out var request) == true && request is not null ? request
        : resources?.Limits?.TryGetValue(name, out var limit) == true ? limit : null;
}
