using System.Text.Json.Nodes;

namespace Federation.Members.Simulation;

/// <summary>The EndpointSlice of a Service, as the endpointslice controller keeps it: one slice, IPv4, the selected pods that run.</summary>
internal static class Endpoints
{
    public static string SliceName(StoredObject service) => $"{service.Name}-{service.Uid[..5]}";

    public static JsonObject Slice(StoredResource service, List<StoredPod> pods)
    {
        var spec = service.Node()["spec"]!;
        var selector = spec["selector"] is JsonObject s && s.Count > 0 ? new JsonObject { ["matchLabels"] = s.DeepClone() } : null;
        var endpoints = new JsonArray();
        foreach (var pod in ClusterEngine.Selected(selector, pods).Where(p => p.StartedAt is not null).OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            endpoints.Add(new JsonObject
            {
                ["addresses"] = new JsonArray(pod.PodIp),
                ["conditions"] = new JsonObject { ["ready"] = pod.Ready, ["serving"] = pod.Ready, ["terminating"] = false },
                ["nodeName"] = pod.NodeName,
                ["targetRef"] = new JsonObject { ["kind"] = "Pod", ["namespace"] = pod.Namespace, ["name"] = pod.Name, ["uid"] = pod.Uid },
            });
        }

        var ports = new JsonArray();
        foreach (var port in (spec["ports"] as JsonArray ?? []).OfType<JsonObject>())
        {
            // A named targetPort would be looked up in each pod's container ports; numbers are used as they are.
            ports.Add(new JsonObject
            {
                ["name"] = port["name"]?.DeepClone() ?? "",
                ["port"] = int.TryParse(port["targetPort"]?.ToString(), out var target) ? target : null,
                ["protocol"] = port["protocol"]?.DeepClone(),
            });
        }

        return new JsonObject
        {
            ["apiVersion"] = "discovery.k8s.io/v1",
            ["kind"] = "EndpointSlice",
            ["metadata"] = new JsonObject
            {
                ["name"] = SliceName(service),
                ["generateName"] = $"{service.Name}-",
                ["namespace"] = service.Namespace,
                ["labels"] = new JsonObject
                {
                    ["endpointslice.kubernetes.io/managed-by"] = "endpointslice-controller.k8s.io",
                    ["kubernetes.io/service-name"] = service.Name,
                },
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "v1", ["kind"] = "Service", ["name"] = service.Name, ["uid"] = service.Uid, ["controller"] = true, ["blockOwnerDeletion"] = true,
                }),
            },
            ["addressType"] = "IPv4",
            ["endpoints"] = endpoints,
            ["ports"] = ports,
        };
    }
}
