using System.Text.Json.Nodes;
using Federation.Workloads;

namespace Federation.Scheduling.Tests.Workloads;

public sealed class WorkloadTemplateTests
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
    public void Parse_sums_container_requests_per_pod(string scenario, string json, long milliCpu, long memoryBytes)
    {
        var info = WorkloadTemplate.Parse(json);

        Assert.True(info.PodRequest.MilliCpu == milliCpu, $"{scenario}: cpu {info.PodRequest.MilliCpu} != {milliCpu}");
        Assert.True(info.PodRequest.MemoryBytes == memoryBytes, $"{scenario}: memory {info.PodRequest.MemoryBytes} != {memoryBytes}");
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
        { "a negative limit beside a request", Pod("""{"name":"a","image":"i","resources":{"requests":{"memory":"64Mi"},"limits":{"memory":-6365000000000}}}"""), "spec.template.spec.containers[0].resources.limits.memory" },
        { "a limit of another resource that is no quantity", Pod("""{"name":"a","image":"i","resources":{"limits":{"nvidia.com/gpu":"two"}}}"""), "spec.template.spec.containers[0].resources.limits.nvidia.com/gpu" },
        { "a request above its limit", Pod("""{"name":"a","image":"i","resources":{"requests":{"cpu":"2"},"limits":{"cpu":"1"}}}"""), "spec.template.spec.containers[0].resources.requests.cpu 2 is above its limit (1)" },
        { "a negative init container limit", Pod(C("a"), C("init", "\"-1e3\"", null, "limits")), "spec.template.spec.initContainers[0].resources.limits.cpu" },
        { "requests is not an object", Pod("""{"name":"a","resources":{"requests":"1"}}"""), "spec.template.spec.containers[0].resources.requests must be an object" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Parse_rejects_malformed_templates_naming_the_field(string scenario, string json, string expected)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => WorkloadTemplate.Parse(json));

        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), $"{scenario}: '{error.Message}' lacks '{expected}'");
    }

    [Fact]
    public void Template_hash_ignores_formatting_and_property_order_but_not_the_image()
    {
        var original = WorkloadTemplate.Parse(Web("nginx:1.27")).Hash;
        var reordered = WorkloadTemplate.Parse("""
            { "kind": "Deployment", "spec": { "replicas": 9, "selector": { "matchLabels": { "app": "web" } }, "template": { "spec": { "containers": [ { "resources": { "requests": { "memory": "64Mi", "cpu": "100m" } },
              "image": "nginx:1.27", "name": "main" } ] }, "metadata": { "labels": { "app": "web" } } } } }
            """).Hash;
        var newImage = WorkloadTemplate.Parse(Web("nginx:1.28")).Hash;

        Assert.Equal(original, reordered);
        Assert.NotEqual(original, newImage);
    }

    [Fact]
    public void A_missing_kind_is_refused_whatever_the_input_form()
    {
        var fromText = Assert.Throws<InvalidTemplateException>(() => WorkloadTemplate.Parse("""{"apiVersion":"apps/v1","spec":{}}"""));
        var fromNode = Assert.Throws<InvalidTemplateException>(() => WorkloadTemplate.Parse(new JsonObject { ["spec"] = new JsonObject() }));

        Assert.Equal(("kind", "is missing; expected 'Deployment' or 'StatefulSet'"), (fromText.Field, fromText.Problem));
        Assert.Equal(fromText.Message, fromNode.Message);
    }

    [Fact]
    public void Replicas_identity_and_hash_come_from_one_parse()
    {
        var template = WorkloadTemplate.Parse(Pod(C("a", "\"250m\"", "\"512Mi\"")));

        Assert.Equal(("Deployment", "api", "shop", (int?)2), (template.Kind, template.Name, template.Namespace, template.Replicas));
        Assert.Equal(new Federation.Scheduling.ResourceRequest(250, 512L << 20), template.PodRequest);
        Assert.Equal(template.Hash, WorkloadTemplate.Parse(template.Json).Hash);
    }

    [Fact]
    public void The_template_is_a_copy_of_the_node_it_was_parsed_from()
    {
        var node = JsonNode.Parse(Web("nginx:1.27"))!;
        var template = WorkloadTemplate.Parse(node);

        node["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = "nginx:9";
        template.Manifest()["spec"]!["replicas"] = 99;

        Assert.Contains("nginx:1.27", template.Json, StringComparison.Ordinal);
        Assert.Equal(1, template.Replicas);
        Assert.DoesNotContain("99", template.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void ForMember_sets_identity_replicas_and_labels_on_the_workload_only()
    {
        var template = WorkloadTemplate.Parse(Web("nginx:1.27"));

        var manifest = template.ForMember("shop", "web", 4, new Dictionary<string, string> { ["managed"] = "yes" }, new Dictionary<string, string> { ["app"] = "shop/web" });

        Assert.Equal("shop", (string?)manifest["metadata"]!["namespace"]);
        Assert.Equal(4, (int?)manifest["spec"]!["replicas"]);
        Assert.Equal("yes", (string?)manifest["metadata"]!["labels"]!["managed"]);
        Assert.Equal("storefront", (string?)manifest["metadata"]!["labels"]!["team"]);
        Assert.Equal("shop/web", (string?)manifest["metadata"]!["annotations"]!["app"]);
        Assert.Null(manifest["spec"]!["template"]!["metadata"]!["labels"]!["managed"]);
        Assert.Equal(template.Hash, WorkloadTemplate.Parse(manifest).Hash);
    }

    [Theory]
    [InlineData("a Deployment stays a Deployment", WorkloadTemplate.Deployment, WorkloadTemplate.Deployment, null)]
    [InlineData("a StatefulSet stays a StatefulSet", WorkloadTemplate.StatefulSet, WorkloadTemplate.StatefulSet, null)]
    [InlineData("a Deployment cannot become a StatefulSet", WorkloadTemplate.Deployment, WorkloadTemplate.StatefulSet,
        "is 'StatefulSet' but the application runs a Deployment; delete the application first to change its kind")]
    [InlineData("a StatefulSet cannot become a Deployment", WorkloadTemplate.StatefulSet, WorkloadTemplate.Deployment,
        "is 'Deployment' but the application runs a StatefulSet; delete the application first to change its kind")]
    public void An_application_keeps_its_workloads_kind(string _, string running, string wanted, string? refused)
    {
        Assert.Equal(refused, WorkloadTemplate.KindChange(running, wanted));
    }

    private static string Web(string image) => """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"team":"storefront"}},"spec":{"replicas":1,"""
        + """ "selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"main","image":" """.TrimEnd()
        + image + "\",\"resources\":{\"requests\":{\"cpu\":\"100m\",\"memory\":\"64Mi\"}}}]}}}}";
}
