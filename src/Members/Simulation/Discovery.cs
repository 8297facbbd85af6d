using System.Text.Json.Nodes;

namespace Federation.Members.Simulation;

/// <summary>The discovery documents kubectl and client libraries read before anything else.</summary>
internal static class Discovery
{
    public static JsonObject Version() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = StoredNode.KubeletVersion,
        ["gitCommit"] = "0000000000000000000000000000000000000000",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-01-01T00:00:00Z",
        ["goVersion"] = "go1.23",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };

    public static JsonObject ApiVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject AppsGroup() => new()
    {
        ["name"] = "apps",
        ["versions"] = new JsonArray(new JsonObject { ["groupVersion"] = "apps/v1", ["version"] = "v1" }),
        ["preferredVersion"] = new JsonObject { ["groupVersion"] = "apps/v1", ["version"] = "v1" },
    };

    public static JsonObject ApiGroupList() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(AppsGroup()),
    };

    public static JsonObject AppsGroupDocument()
    {
        var group = AppsGroup();
        group["kind"] = "APIGroup";
        group["apiVersion"] = "v1";
        return group;
    }

    public static JsonObject CoreResources() => ResourceList("v1",
        Resource("namespaces", "Namespace", false, ["create", "delete", "get", "list", "watch"], ["ns"]),
        Resource("nodes", "Node", false, ["delete", "get", "list", "watch"], ["no"]),
        Resource("pods", "Pod", true, ["delete", "get", "list", "watch"], ["po"], ["all"]));

    public static JsonObject AppsResources() => ResourceList("apps/v1",
        Resource("deployments", "Deployment", true, ["create", "delete", "get", "list", "patch", "update", "watch"], ["deploy"], ["all"]),
        Subresource("deployments/scale", "Scale", "autoscaling", "v1"),
        Subresource("deployments/status", "Deployment", null, null));

    private static JsonObject ResourceList(string groupVersion, params JsonObject[] resources) => new()
    {
        ["kind"] = "APIResourceList",
        ["apiVersion"] = "v1",
        ["groupVersion"] = groupVersion,
        ["resources"] = new JsonArray(resources),
    };

    private static JsonObject Resource(string plural, string kind, bool namespaced, string[] verbs, string[] shortNames, string[]? categories = null)
    {
        var resource = new JsonObject
        {
            ["name"] = plural,
            ["singularName"] = kind.ToLowerInvariant(),
            ["namespaced"] = namespaced,
            ["kind"] = kind,
            ["verbs"] = new JsonArray(verbs.Select(v => (JsonNode?)v).ToArray()),
            ["shortNames"] = new JsonArray(shortNames.Select(v => (JsonNode?)v).ToArray()),
        };
        if (categories is not null)
        {
            resource["categories"] = new JsonArray(categories.Select(v => (JsonNode?)v).ToArray());
        }

        return resource;
    }

    private static JsonObject Subresource(string name, string kind, string? group, string? version)
    {
        var resource = new JsonObject
        {
            ["name"] = name,
            ["singularName"] = "",
            ["namespaced"] = true,
            ["kind"] = kind,
            ["verbs"] = new JsonArray("get", "patch", "update"),
        };
        if (group is not null)
        {
            resource["group"] = group;
            resource["version"] = version;
        }

        return resource;
    }
}
