using System.Text.Json.Nodes;

namespace Federation.Members.Simulation;

/// <summary>The discovery documents kubectl and client libraries read before anything else, from the table of kinds.</summary>
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

    public static JsonObject ApiGroupList() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(ResourceKinds.Groups.Select(g => (JsonNode?)Group(g.Group, g.Version)).ToArray()),
    };

    /// <summary>The APIGroup document of a served group, or null.</summary>
    public static JsonObject? GroupDocument(string group)
    {
        if (!ResourceKinds.Groups.Any(g => g.Group == group))
        {
            return null;
        }

        var document = Group(group, ResourceKinds.Groups.First(g => g.Group == group).Version);
        document["kind"] = "APIGroup";
        document["apiVersion"] = "v1";
        return document;
    }

    /// <summary>The APIResourceList of a group version (<c>""</c> for the core group), or null when nothing is served there.</summary>
    public static JsonObject? Resources(string group, string version)
    {
        var kinds = ResourceKinds.Kinds.Select(k => k.Info()).Where(i => i.Group == group && i.Version == version).ToList();
        if (kinds.Count == 0)
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var info in kinds)
        {
            resources.Add(Resource(info));
            if (info.Kind is "Deployment" or "StatefulSet")
            {
                resources.Add(Subresource(info, "scale", "Scale", "autoscaling", "v1"));
            }

            if (info.Kind == "Deployment")
            {
                resources.Add(Subresource(info, "status", info.Kind, null, null));
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }

    private static JsonObject Group(string name, string version) => new()
    {
        ["name"] = name,
        ["versions"] = new JsonArray(new JsonObject { ["groupVersion"] = $"{name}/{version}", ["version"] = version }),
        ["preferredVersion"] = new JsonObject { ["groupVersion"] = $"{name}/{version}", ["version"] = version },
    };

    private static JsonObject Resource(ResourceInfo info)
    {
        var resource = new JsonObject
        {
            ["name"] = info.Plural,
            ["singularName"] = info.Kind.ToLowerInvariant(),
            ["namespaced"] = info.Namespaced,
            ["kind"] = info.Kind,
            ["verbs"] = Strings(info.Verbs),
            ["shortNames"] = Strings(info.ShortNames),
        };
        if (info.Categories.Length > 0)
        {
            resource["categories"] = Strings(info.Categories);
        }

        return resource;
    }

    private static JsonObject Subresource(ResourceInfo info, string name, string kind, string? group, string? version)
    {
        var resource = new JsonObject
        {
            ["name"] = $"{info.Plural}/{name}",
            ["singularName"] = "",
            ["namespaced"] = info.Namespaced,
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

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)v).ToArray());
}
