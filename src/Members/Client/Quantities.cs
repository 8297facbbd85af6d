using k8s.Models;

namespace Federation.Members.Client;

/// <summary>Kubernetes resource quantities ("500m", "1", "256Mi", "1Gi") as whole milli-CPU and bytes.</summary>
internal static class Quantities
{
    /// <summary>
    /// The largest quantity taken (10^15: cores, or bytes, a petabyte). Larger ones are no real
    /// request or node, and in milli-units they would not fit a long ("1e18" cores).
    /// </summary>
    public const decimal Max = 1_000_000_000_000_000m;

    /// <summary>Parses a quantity; false for text that is not one, a negative one, or one above <see cref="Max"/>.</summary>
    public static bool TryParse(string? text, out decimal value)
    {
        value = 0;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        try
        {
            value = new ResourceQuantity(text.Trim()).ToDecimal();
            return value is >= 0 and <= Max;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Any text the quantity parser cannot take ("NaN" fails deep in its fraction arithmetic) is no quantity.
            return false;
        }
    }

    /// <summary>Cores to milli-cores, rounded up: a request of 0.0005 cores still takes a milli-core.</summary>
    public static long ToMilli(decimal cores) => ToWhole(cores * 1000m);

    /// <summary>Rounded up; a sum beyond a long (many containers at <see cref="Max"/>) stays at long.MaxValue.</summary>
    public static long ToWhole(decimal amount) => (long)Math.Min(Math.Ceiling(amount), long.MaxValue);

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
