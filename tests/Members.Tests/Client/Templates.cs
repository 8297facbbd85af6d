using System.Text.Json.Nodes;

namespace Federation.Members.Tests.Client;

/// <summary>Deployment (or StatefulSet) templates as an application would submit them.</summary>
internal static class Templates
{
    public static string Web(string image = "nginx:1.27", string cpu = "100m", string memory = "64Mi", string name = "web", string kind = "Deployment") =>
        new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = kind,
            ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = new JsonObject { ["team"] = "storefront" } },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 1,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                    ["spec"] = new JsonObject
                    {
                        ["containers"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "main",
                            ["image"] = image,
                            ["resources"] = new JsonObject
                            {
                                ["requests"] = new JsonObject { ["cpu"] = cpu, ["memory"] = memory },
                            },
                        }),
                    },
                },
            },
        }.ToJsonString();
}
