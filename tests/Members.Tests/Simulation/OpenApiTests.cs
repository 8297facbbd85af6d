using System.Text.Json.Nodes;
using Federation.Members.Simulation;
using k8s.Models;

namespace Federation.Members.Tests.Simulation;

public sealed class OpenApiTests
{
    public static TheoryData<string, string, string[]> Bodies => new()
    {
        { "a known deployment", """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"a"},"spec":{"replicas":1}}""", [] },
        { "an unknown spec field", """{"spec":{"foo":1,"replicas":1}}""", ["spec.foo"] },
        { "an unknown container field names its index", """{"spec":{"template":{"spec":{"containers":[{"name":"a"},{"name":"b","imagee":"x"}]}}}}""", ["spec.template.spec.containers[1].imagee"] },
        { "label values are free-form", """{"metadata":{"labels":{"anything":"goes"}}}""", [] },
        { "patch directives are not fields", """{"spec":{"$retainKeys":["type"],"template":{"spec":{"$setElementOrder/containers":[{"name":"a"}]}}}}""", [] },
        { "two unknown fields in document order", """{"foo":1,"spec":{"bar":2}}""", ["foo", "spec.bar"] },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public void Unknown_fields_are_named_by_their_path(string name, string body, string[] expected)
    {
        _ = name;
        var unknown = new List<string>();
        ModelSchema.UnknownFields(typeof(V1Deployment), JsonNode.Parse(body), "", unknown);
        Assert.Equal(expected, unknown);
    }

    [Fact]
    public async Task Each_group_version_document_has_its_kinds_with_merge_keys_and_field_validation()
    {
        await using var sim = await Sim.StartAsync();
        using var http = new HttpClient { BaseAddress = sim.Cluster.Url };
        var index = JsonNode.Parse(await http.GetStringAsync("/openapi/v3"))!["paths"]!.AsObject();
        Assert.Equal(["api/v1", "apis/apps/v1", "apis/discovery.k8s.io/v1", "apis/policy/v1"], index.Select(p => p.Key).Order());

        var apps = JsonNode.Parse(await http.GetStringAsync(index["apis/apps/v1"]!["serverRelativeURL"]!.GetValue<string>()))!;
        var schemas = apps["components"]!["schemas"]!;
        Assert.Equal("Deployment", schemas["io.k8s.api.apps.v1.Deployment"]!["x-kubernetes-group-version-kind"]![0]!["kind"]!.GetValue<string>());
        var containers = schemas["io.k8s.api.core.v1.PodSpec"]!["properties"]!["containers"]!;
        Assert.Equal(("name", "merge"), (containers["x-kubernetes-patch-merge-key"]!.GetValue<string>(), containers["x-kubernetes-patch-strategy"]!.GetValue<string>()));

        var patch = apps["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]!["patch"]!;
        Assert.Contains(patch["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "fieldValidation");
        Assert.Equal("apps", patch["x-kubernetes-group-version-kind"]!["group"]!.GetValue<string>());

        using var v2 = new HttpRequestMessage(HttpMethod.Get, "/openapi/v2");
        v2.Headers.TryAddWithoutValidation("Accept", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf");
        Assert.Equal(System.Net.HttpStatusCode.NotAcceptable, (await http.SendAsync(v2)).StatusCode);
        var swagger = JsonNode.Parse(await http.GetStringAsync("/openapi/v2"))!;
        Assert.Equal("#/definitions/io.k8s.api.apps.v1.DeploymentSpec", swagger["definitions"]!["io.k8s.api.apps.v1.Deployment"]!["properties"]!["spec"]!["allOf"]![0]!["$ref"]!.GetValue<string>());
    }
}
