using k8s.Models;

namespace Federation.Members.Simulation;

/// <summary>
/// Kubernetes' checks of a pod spec's resources: every request and limit at least 0, and no request
/// above its limit. A negative quantity must never be stored: the client library's canonical form of
/// one ("-1e3") never finishes, and the object could not be served again.
/// </summary>
internal static class ResourceValidation
{
    public static IEnumerable<(string Field, string Message)> Containers(V1PodSpec? spec, string path)
    {
        foreach (var (property, containers) in new[] { ("containers", spec?.Containers), ("initContainers", spec?.InitContainers) })
        {
            for (var i = 0; i < (containers?.Count ?? 0); i++)
            {
                var at = $"{path}.{property}[{i}].resources";
                var resources = containers![i]?.Resources;
                var limits = Amounts(resources?.Limits);
                var requests = Amounts(resources?.Requests);
                foreach (var problem in NonNegative(requests, $"{at}.requests").Concat(NonNegative(limits, $"{at}.limits")))
                {
                    yield return problem;
                }

                foreach (var (name, request) in requests)
                {
                    if (limits.TryGetValue(name, out var limit) && request is { } r && limit is { } l && r >= 0 && l >= 0 && r > l)
                    {
                        yield return ($"{at}.requests[{name}]", $"Invalid value: \"{r}\": must be less than or equal to {name} limit of {l}");
                    }
                }
            }
        }
    }

    private static IEnumerable<(string, string)> NonNegative(Dictionary<string, decimal?> amounts, string at) =>
        amounts.Where(a => a.Value is null or < 0).Select(a => ($"{at}[{a.Key}]", a.Value is null
            ? "Invalid value: the quantity is out of range"
            : $"Invalid value: \"{a.Value}\": must be greater than or equal to 0"));

    /// <summary>Each quantity's amount (null when it is too large to hold), read without its canonical text.</summary>
    private static Dictionary<string, decimal?> Amounts(IDictionary<string, ResourceQuantity>? quantities) =>
        (quantities ?? new Dictionary<string, ResourceQuantity>()).Where(q => q.Value is not null).ToDictionary(q => q.Key, q => Amount(q.Value), StringComparer.Ordinal);

    private static decimal? Amount(ResourceQuantity q)
    {
        try
        {
            return q.ToDecimal();
        }
        catch (OverflowException)
        {
            return null;
        }
    }
}
