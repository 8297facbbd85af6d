using System.Text.Json.Nodes;
using Federation.Capacity;
using Federation.Scheduling;

namespace Federation.Workloads;

/// <summary>What one pod of a pod spec requests, as the Kubernetes scheduler counts it.</summary>
public static class PodRequests
{
    /// <summary>
    /// The larger of the app containers' sum and the largest init container (init containers run one
    /// at a time, before the others); a limit without a request counts as the request.
    /// </summary>
    public static ResourceRequest Of(JsonObject podSpec, string path)
    {
        var (appCpu, appMemory) = (0m, 0m);
        foreach (var (c, m) in Containers(podSpec, "containers", path, required: true))
        {
            appCpu += c;
            appMemory += m;
        }

        var (initCpu, initMemory) = (0m, 0m);
        foreach (var (c, m) in Containers(podSpec, "initContainers", path, required: false))
        {
            initCpu = Math.Max(initCpu, c);
            initMemory = Math.Max(initMemory, m);
        }

        return new ResourceRequest(QuantityParser.ToMilli(Math.Max(appCpu, initCpu)), QuantityParser.ToWhole(Math.Max(appMemory, initMemory)));
    }

    private static List<(decimal Cpu, decimal Memory)> Containers(JsonObject podSpec, string property, string parent, bool required)
    {
        var path = $"{parent}.{property}";
        var containers = TemplateFields.OptionalArray(podSpec, property, path);
        if (containers is null || (required && containers.Count == 0))
        {
            return required ? throw TemplateFields.Bad(path, $"is {(containers is null ? "missing" : "empty")}; a pod needs at least one container") : [];
        }

        var result = new List<(decimal, decimal)>();
        for (var i = 0; i < containers.Count; i++)
        {
            var at = $"{path}[{i}]";
            if (containers[i] is not JsonObject container)
            {
                throw TemplateFields.Bad(at, $"must be an object, not {containers[i]?.GetValueKind().ToString() ?? "null"}");
            }

            if (string.IsNullOrWhiteSpace(TemplateFields.OptionalString(container, "name", $"{at}.name")))
            {
                throw TemplateFields.Bad($"{at}.name", "is missing");
            }

            var resources = TemplateFields.OptionalObject(container, "resources", $"{at}.resources");
            var requests = resources is null ? null : TemplateFields.OptionalObject(resources, "requests", $"{at}.resources.requests");
            var limits = resources is null ? null : TemplateFields.OptionalObject(resources, "limits", $"{at}.resources.limits");
            CheckAll(requests, limits, at);
            result.Add((Request(requests, limits, "cpu", at), Request(requests, limits, "memory", at)));
        }

        return result;
    }

    /// <summary>As the API server checks them: every request and limit (of any resource) a quantity of at least 0, no request above its limit.</summary>
    private static void CheckAll(JsonObject? requests, JsonObject? limits, string at)
    {
        foreach (var (name, _) in limits ?? [])
        {
            _ = Quantity(limits, name, $"{at}.resources.limits.{name}");
        }

        foreach (var (name, _) in requests ?? [])
        {
            if (Quantity(requests, name, $"{at}.resources.requests.{name}") is { } request
                && Quantity(limits, name, $"{at}.resources.limits.{name}") is { } limit && request > limit)
            {
                throw TemplateFields.Bad($"{at}.resources.requests.{name}", $"{request} is above its limit ({limit}): a request must be at most the limit");
            }
        }
    }

    private static decimal Request(JsonObject? requests, JsonObject? limits, string resource, string at) =>
        Quantity(requests, resource, $"{at}.resources.requests.{resource}")
        ?? Quantity(limits, resource, $"{at}.resources.limits.{resource}")
        ?? 0m;

    private static decimal? Quantity(JsonObject? parent, string property, string path)
    {
        if (parent?[property] is not JsonValue value)
        {
            return parent?[property] is null ? null : throw TemplateFields.Bad(path, "must be a quantity (e.g. \"500m\", \"1\", \"256Mi\", \"1Gi\")");
        }

        var text = value.TryGetValue<string>(out var s) ? s : value.ToJsonString();
        return QuantityParser.TryParse(text, out var amount)
            ? amount
            : throw TemplateFields.Bad(path, $"'{text}' is not a valid non-negative quantity (e.g. \"500m\", \"1\", \"256Mi\", \"1Gi\")");
    }
}
