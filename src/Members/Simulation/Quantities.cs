using k8s.Models;

namespace Federation.Members.Simulation;

/// <summary>Kubernetes quantity strings ("500m", "4", "8Gi") to integers.</summary>
internal static class Quantities
{
    public static long ToLong(ResourceQuantity q, bool milli)
    {
        var value = q.ToDecimal();
        return (long)Math.Ceiling(milli ? value * 1000 : value);
    }

    public static long Parse(string text, bool milli)
    {
        try
        {
            return ToLong(new ResourceQuantity(text), milli);
        }
        catch (Exception e) when (e is FormatException or ArgumentException or OverflowException)
        {
            throw ApiException.BadRequest($"quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$': \"{text}\"");
        }
    }
}
