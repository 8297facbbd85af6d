using k8s.Models;

namespace Federation.Members.Simulation;

/// <summary>
/// Kubernetes' checks of the quantities in a workload or pod: none negative, anywhere (a negative one must
/// never be stored: the client library's canonical form of one, "-1e3", never finishes, and the object
/// could not be served again), and no container requesting more than its limit.
/// </summary>
internal static class ResourceValidation
{
    /// <param name="model">The whole object, checked for negative quantities.</param>
    /// <param name="spec">Its pod spec, at <paramref name="path"/>, checked for requests above limits.</param>
    public static IEnumerable<(string Field, string Message)> Of(object model, V1PodSpec? spec, string path)
    {
        if (NegativeQuantities.Find(model) is { } negative)
        {
            yield return (negative.Field, $"Invalid value: {negative.Message}");
        }

        foreach (var (property, containers) in new[] { ("containers", spec?.Containers), ("initContainers", spec?.InitContainers) })
        {
            for (var i = 0; i < (containers?.Count ?? 0); i++)
            {
                var resources = containers![i]?.Resources;
                foreach (var (name, request) in resources?.Requests ?? new Dictionary<string, ResourceQuantity>())
                {
                    if (request is not null && resources!.Limits?.TryGetValue(name, out var limit) == true && limit is not null && request.ToDouble() > limit.ToDouble() && limit.ToDouble() >= 0)
                    {
                        yield return ($"{path}.{property}[{i}].resources.requests[{name}]", $"Invalid value: \"{request.ToDouble()}\": must be less than or equal to {name} limit of {limit.ToDouble()}");
                    }
                }
            }
        }
    }
}
