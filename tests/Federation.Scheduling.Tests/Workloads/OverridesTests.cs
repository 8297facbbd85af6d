using System.Text.Json.Nodes;
using CsCheck;
using Federation.Workloads;
using Federation.Workloads.Overrides;

namespace Federation.Scheduling.Tests.Workloads;

public sealed class OverridesTests
{
    private static readonly Dictionary<string, IReadOnlyDictionary<string, string>> Fleet = new()
    {
        ["east"] = new Dictionary<string, string> { ["region"] = "us" },
        ["west"] = new Dictionary<string, string> { ["region"] = "eu" },
    };

    private static readonly OverrideTarget Eu = new(LabelSelector: new Dictionary<string, string> { ["region"] = "eu" });

    private static WorkloadTemplate Base { get; } = WorkloadTemplate.Parse("""
        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","labels":{"team":"storefront"}},
         "spec":{"replicas":3,"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[
           {"name":"main","image":"nginx:1.27","args":["--port","80"],"env":[{"name":"A","value":"1"}],"resources":{"requests":{"cpu":"100m","memory":"64Mi"}}},
           {"name":"sidecar","image":"docker.io/envoy:v1"}]}}}}
        """);

    private static Dictionary<string, string> Map(params string[] pairs) =>
        pairs.Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);

    // scenario, rules, member, JSON path (dot-separated, [i] for an index), expected value as JSON
    public static TheoryData<string, OverrideRule[], string, string, string> Rows => new()
    {
        { "no rules: the template as given", [], "west", "containers[0].image", "\"nginx:1.27\"" },
        { "registry added for eu members", [new(Eu, Image: [new("Registry", "add", "mirror.eu.example", "main")])], "west", "containers[0].image", "\"mirror.eu.example/nginx:1.27\"" },
        { "the same rule leaves us members alone", [new(Eu, Image: [new("Registry", "add", "mirror.eu.example")])], "east", "containers[0].image", "\"nginx:1.27\"" },
        { "registry add keeps an existing registry", [new(Image: [new("Registry", "add", "mirror.eu.example")])], "west", "containers[1].image", "\"docker.io/envoy:v1\"" },
        { "registry replaced", [new(Image: [new("Registry", "replace", "mirror.example")])], "west", "containers[1].image", "\"mirror.example/envoy:v1\"" },
        { "registry removed", [new(Image: [new("Registry", "remove")])], "west", "containers[1].image", "\"envoy:v1\"" },
        { "tag replaced by name", [new(new(ClusterNames: ["east"]), Image: [new("Tag", "replace", "1.28")])], "east", "containers[0].image", "\"nginx:1.28\"" },
        { "digest added", [new(Image: [new("Digest", "add", "sha256:abc", "main")])], "east", "containers[0].image", "\"nginx:1.27@sha256:abc\"" },
        { "repository replaced", [new(Image: [new("Repository", "replace", "library/nginx", "main")])], "east", "containers[0].image", "\"library/nginx:1.27\"" },
        { "args appended", [new(Args: [new("append", ["--region", "eu"], "main")])], "west", "containers[0].args", """["--port","80","--region","eu"]""" },
        { "command replaced", [new(Command: [new("replace", ["/bin/serve"], "main")])], "west", "containers[0].command", """["/bin/serve"]""" },
        { "env set adds a variable", [new(Env: [new(Map("REGION=eu"), Container: "main")])], "west", "containers[0].env[1]", """{"name":"REGION","value":"eu"}""" },
        { "env set changes a value in place", [new(Env: [new(Map("A=2"), Container: "main")])], "west", "containers[0].env[0]", """{"name":"A","value":"2"}""" },
        { "env removed", [new(Env: [new(Remove: ["A"], Container: "main")])], "west", "containers[0].env", "[]" },
        { "label added", [new(Labels: [new("add", Map("region=eu"))])], "west", "metadata.labels.region", "\"eu\"" },
        { "label add keeps an existing value", [new(Labels: [new("add", Map("team=other"))])], "west", "metadata.labels.team", "\"storefront\"" },
        { "label replaced", [new(Labels: [new("replace", Map("team=other"))])], "west", "metadata.labels.team", "\"other\"" },
        { "label removed", [new(Labels: [new("remove", Map("team=x"))])], "west", "metadata.labels", "{}" },
        { "annotation added", [new(Annotations: [new("add", Map("owner=ops"))])], "east", "metadata.annotations.owner", "\"ops\"" },
        { "requests changed, limits added", [new(Resources: [new(Map("cpu=500m"), Map("memory=1Gi"), "main")])], "east", "containers[0].resources", """{"requests":{"cpu":"500m","memory":"64Mi"},"limits":{"memory":"1Gi"}}""" },
        { "JSON patch, the general form", [new(Patch: (JsonArray)JsonNode.Parse("""[{"op":"add","path":"/spec/minReadySeconds","value":5}]""")!)], "east", "spec.minReadySeconds", "5" },
        { "later rules win", [new(Image: [new("Tag", "replace", "1.28", "main")]), new(Eu, Image: [new("Tag", "replace", "1.29", "main")])], "west", "containers[0].image", "\"nginx:1.29\"" },
        { "within a rule the patch comes last", [new(Image: [new("Tag", "replace", "1.28", "main")], Patch: (JsonArray)JsonNode.Parse("""[{"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:2"}]""")!)], "west", "containers[0].image", "\"nginx:2\"" },
        { "names and labels must both match", [new(new(["east"], new Dictionary<string, string> { ["region"] = "eu" }), Image: [new("Tag", "replace", "9", "main")])], "east", "containers[0].image", "\"nginx:1.27\"" },
    };

    [Theory]
    [MemberData(nameof(Rows))]
    public void Rules_give_each_member_its_effective_manifest(string scenario, OverrideRule[] rules, string member, string path, string expected)
    {
        var manifest = Overrides.Apply(Base, rules, member, Fleet[member]).Manifest();

        var actual = At(manifest, path);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"{scenario}: {path} is {actual?.ToJsonString() ?? "absent"}, expected {expected}");
    }

    public static TheoryData<string, OverrideRule, string> Invalid => new()
    {
        { "unknown operator", new(Image: [new("Tag", "upsert", "1")]), "overrides[0].image[0].operator" },
        { "unknown component", new(Image: [new("Port", "replace", "1")]), "overrides[0].image[0].component" },
        { "replace without a value", new(Image: [new("Tag", "replace")]), "overrides[0].image[0].value" },
        { "no such container", new(Env: [new(Map("A=1"), Container: "nope")]), "overrides[0].env[0].container" },
        { "a quantity that is none", new(Resources: [new(Map("cpu=lots"))]), "overrides[0].resources[0].requests.cpu" },
        { "a patch path that is not there", new(Patch: (JsonArray)JsonNode.Parse("""[{"op":"replace","path":"/spec/nothing/here","value":1}]""")!), "overrides[0].patch[0]" },
        { "labels without an operator", new(Labels: [new(null, Map("a=b"))]), "overrides[0].labels[0].operator" },
        { "a rule that is null", null!, "overrides[0]" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void A_rule_that_cannot_apply_is_refused_naming_its_field(string scenario, OverrideRule rule, string field)
    {
        var error = Assert.Throws<InvalidOverrideException>(() => Overrides.ApplyAll(Base, [rule]));

        Assert.True(error.Field == field, $"{scenario}: field {error.Field}, expected {field} ({error.Message})");
    }

    [Fact]
    public void An_override_that_breaks_the_workload_is_refused_as_a_template_error()
    {
        var removeContainers = new OverrideRule(Patch: (JsonArray)JsonNode.Parse("""[{"op":"remove","path":"/spec/template/spec/containers"}]""")!);

        var error = Assert.Throws<InvalidTemplateException>(() => Overrides.Apply(Base, [removeContainers], "east", Fleet["east"]));

        Assert.Equal("spec.template.spec.containers", error.Field);
    }

    [Fact]
    public void Effective_requests_follow_a_resources_override()
    {
        var bigger = new OverrideRule(Eu, Resources: [new(Map("cpu=2", "memory=1Gi"), Container: "main")]);

        Assert.Equal(new ResourceRequest(2000, 1L << 30), Overrides.Apply(Base, [bigger], "west", Fleet["west"]).PodRequest);
        Assert.Equal(Base.PodRequest, Overrides.Apply(Base, [bigger], "east", Fleet["east"]).PodRequest);
    }

    [Fact]
    public void Rules_that_select_no_member_change_nothing_and_selected_ones_are_deterministic()
    {
        var tags = Gen.String[Gen.Char['a', 'z'], 1, 8];
        Gen.Select(tags, Gen.Int[0, 3]).Sample((tag, which) =>
        {
            var component = new[] { "Registry", "Repository", "Tag", "Digest" }[which];
            var elsewhere = new OverrideRule(new(ClusterNames: ["north"]), Image: [new(component, "replace", tag)]);
            var here = elsewhere with { Target = new(ClusterNames: ["east"]) };

            var untouched = Overrides.Apply(Base, [elsewhere], "east", Fleet["east"]);
            var once = Overrides.Apply(Base, [here], "east", Fleet["east"]);
            var again = Overrides.Apply(Base, [here], "east", Fleet["east"]);
            return untouched.Json == Base.Json && once.Json == again.Json && once.Json.Contains(tag, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void An_image_survives_being_split_into_parts_and_joined_again()
    {
        var part = Gen.String[Gen.Char['a', 'z'], 1, 6];
        Gen.Select(part.Null(), part, part.Null(), part.Null()).Sample((registry, repository, tag, digest) =>
        {
            var image = new ImageReference(registry is null ? null : registry + ".io", repository, tag, digest is null ? null : "sha256:" + digest);
            return ImageReference.Parse(image.ToString()) == image;
        });
    }

    /// <summary>"containers[0].image" under the pod spec; anything else from the manifest's root.</summary>
    private static JsonNode? At(JsonObject manifest, string path)
    {
        JsonNode? node = path.StartsWith("containers", StringComparison.Ordinal) ? manifest["spec"]!["template"]!["spec"] : manifest;
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[', StringComparison.Ordinal);
            node = bracket < 0 ? node?[part] : node?[part[..bracket]]?[int.Parse(part[(bracket + 1)..^1], System.Globalization.CultureInfo.InvariantCulture)];
        }

        return node;
    }
}
