using Federation.Members.Client;

namespace Federation.Members.Tests.Client;

public sealed class DeploymentTemplatesTests
{
    private static string Pod(string containers, string initContainers = "")
    {
        var init = initContainers.Length > 0 ? "\"initContainers\":[" + initContainers + "]," : "";
        return """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"api","namespace":"shop"},"spec":{"replicas":2,"""
            + """ "selector":{"matchLabels":{"app":"api"}},"template":{"metadata":{"labels":{"app":"api"}},"spec":{"""
            + init + "\"containers\":[" + containers + "]}}}}";
    }

    private static string C(string name, string? cpu = null, string? memory = null, string section = "requests")
    {
        var amounts = string.Join(",", new[] { cpu is null ? null : "\"cpu\":" + cpu, memory is null ? null : "\"memory\":" + memory }
            .Where(a => a is not null));
        return "{\"name\":\"" + name + "\",\"image\":\"img\",\"resources\":{\"" + section + "\":{" + amounts + "}}}";
    }

    public static TheoryData<string, string, long, long> Requests => new()
    {
        { "one container, 500m and 256Mi", Pod(C("a", "\"500m\"", "\"256Mi\"")), 500, 256L << 20 },
        { "whole cores and Gi", Pod(C("a", "\"1\"", "\"1Gi\"")), 1000, 1L << 30 },
        { "summed across containers", Pod(C("a", "\"500m\"", "\"256Mi\"") + "," + C("b", "\"1\"", "\"1Gi\"")), 1500, (1L << 30) + (256L << 20) },
        { "numbers as quantities", Pod(C("a", "2", "1000")), 2000, 1000 },
        { "decimal SI memory", Pod(C("a", "\"0.25\"", "\"1G\"")), 250, 1_000_000_000 },
        { "no resources at all", Pod("""{"name":"a","image":"img"}"""), 0, 0 },
        { "limit stands in for a missing request", Pod(C("a", "\"750m\"", "\"128Mi\"", "limits")), 750, 128L << 20 },
        { "fractional milli-cores round up", Pod(C("a", "\"100u\"", null)), 1, 0 },
        { "a larger init container dominates", Pod(C("a", "\"100m\"", "\"64Mi\""), C("init", "\"2\"", "\"32Mi\"")), 2000, 64L << 20 },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void Describe_sums_container_requests_per_pod(string scenario, string json, long milliCpu, long memoryBytes)
    {
        var info = DeploymentTemplates.Describe(json);

        Assert.True(info.MilliCpuPerPod == milliCpu, $"{scenario}: cpu {info.MilliCpuPerPod} != {milliCpu}");
        Assert.True(info.MemoryBytesPerPod == memoryBytes, $"{scenario}: memory {info.MemoryBytesPerPod} != {memoryBytes}");
        Assert.Equal("api", info.Name);
        Assert.Equal("shop", info.Namespace);
    }

    public static TheoryData<string, string, string> Malformed => new()
    {
        { "not JSON", "{ nope", "not valid JSON" },
        { "a JSON array", "[]", "must be a JSON object" },
        { "wrong kind", """{"apiVersion":"v1","kind":"Service","spec":{}}""", "kind is 'Service'" },
        { "no kind", """{"apiVersion":"apps/v1","spec":{}}""", "kind is missing" },
        { "wrong apiVersion", """{"apiVersion":"extensions/v1beta1","kind":"Deployment"}""", "apiVersion is 'extensions/v1beta1'" },
        { "no spec", """{"apiVersion":"apps/v1","kind":"Deployment"}""", "spec is missing" },
        { "no pod template", """{"apiVersion":"apps/v1","kind":"Deployment","spec":{}}""", "spec.template is missing" },
        { "no containers", """{"kind":"Deployment","spec":{"template":{"spec":{}}}}""", "spec.template.spec.containers is missing" },
        { "empty containers", """{"kind":"Deployment","spec":{"template":{"spec":{"containers":[]}}}}""", "spec.template.spec.containers is empty" },
        { "container without a name", """{"kind":"Deployment","spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}""", "spec.template.spec.containers[0].name is missing" },
        { "bad cpu quantity", Pod(C("a", "\"lots\"", null)), "spec.template.spec.containers[0].resources.requests.cpu" },
        { "bad memory in the second container", Pod(C("a") + "," + C("b", null, "\"12XB\"")), "spec.template.spec.containers[1].resources.requests.memory" },
        { "negative quantity", Pod(C("a", "\"-1\"", null)), "spec.template.spec.containers[0].resources.requests.cpu" },
        { "requests is not an object", Pod("""{"name":"a","resources":{"requests":"1"}}"""), "spec.template.spec.containers[0].resources.requests must be an object" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Describe_rejects_malformed_templates_naming_the_field(string scenario, string json, string expected)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => DeploymentTemplates.Describe(json));

        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{scenario}: '{error.Message}' lacks '{expected}'");
    }

    [Fact]
    public void Template_hash_ignores_formatting_and_property_order_but_not_the_image()
    {
        var original = DeploymentTemplates.Describe(Templates.Web(image: "nginx:1.27")).TemplateHash;
        var reordered = DeploymentTemplates.Describe("""
            { "kind": "Deployment", "spec": { "replicas": 9, "selector": { "matchLabels": { "app": "web" } }, "template": { "spec": { "containers": [ { "resources": { "requests": { "memory": "64Mi", "cpu": "100m" } },
              "image": "nginx:1.27", "name": "main" } ] }, "metadata": { "labels": { "app": "web" } } } } }
            """).TemplateHash;
        var newImage = DeploymentTemplates.Describe(Templates.Web(image: "nginx:1.28")).TemplateHash;

        Assert.Equal(original, reordered);
        Assert.NotEqual(original, newImage);
    }

    [Fact]
    public void FromYaml_converts_a_yaml_deployment_to_equivalent_json()
    {
        const string yaml = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: api
              namespace: shop
            spec:
              replicas: 3
              selector:
                matchLabels: {app: api}
              template:
                metadata:
                  labels: {app: api}
                spec:
                  containers:
                  - name: main
                    image: registry/api:2
                    resources:
                      requests: {cpu: 250m, memory: 512Mi}
            """;

        var info = DeploymentTemplates.Describe(DeploymentTemplates.FromYaml(yaml));

        Assert.Equal(new TemplateInfo("api", "shop", 250, 512L << 20, info.TemplateHash), info);
    }

    [Theory]
    [InlineData("kind: Service\napiVersion: v1\nmetadata: {name: x}\n", "kind is 'Service'")]
    [InlineData("kind: Deployment\nspec: [unclosed\n", "not a valid YAML Deployment")]
    public void FromYaml_rejects_what_is_not_a_deployment(string yaml, string expected)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => DeploymentTemplates.FromYaml(yaml));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
