using System.Text.Json.Nodes;
using Federation.Workloads;
using Federation.Workloads.Companions;

namespace Federation.Scheduling.Tests.Workloads;

public sealed class CompanionsTests
{
    private static WorkloadTemplate Pod(string podSpec) => WorkloadTemplate.Parse(
        """{"kind":"Deployment","metadata":{"name":"web"},"spec":{"selector":{"matchLabels":{"app":"web"}},"template":{"metadata":{"labels":{"app":"web"}},"spec":"""
        + podSpec + "}}}");

    private const string Container = """{"name":"web","image":"nginx","""; // completed by each row

    public static TheoryData<string, string, string[]> References => new()
    {
        { "nothing named", "{\"containers\":[" + Container + "\"args\":[]}]}", [] },
        { "envFrom configMapRef and secretRef", "{\"containers\":[" + Container + "\"envFrom\":[{\"configMapRef\":{\"name\":\"a\"}},{\"secretRef\":{\"name\":\"b\"}}]}]}", ["ConfigMap/a", "Secret/b"] },
        { "env valueFrom keys", "{\"containers\":[" + Container + "\"env\":[{\"name\":\"X\",\"valueFrom\":{\"secretKeyRef\":{\"name\":\"s\",\"key\":\"k\"}}},{\"name\":\"Y\",\"valueFrom\":{\"configMapKeyRef\":{\"name\":\"c\",\"key\":\"k\"}}}]}]}", ["Secret/s", "ConfigMap/c"] },
        { "volumes, projected too", "{\"containers\":[" + Container + "\"args\":[]}],\"volumes\":[{\"name\":\"v\",\"secret\":{\"secretName\":\"tls\"}},{\"name\":\"p\",\"projected\":{\"sources\":[{\"configMap\":{\"name\":\"pc\"}}]}}]}", ["Secret/tls", "ConfigMap/pc"] },
        { "a service account other than default", "{\"serviceAccountName\":\"runner\",\"containers\":[" + Container + "\"args\":[]}]}", ["ServiceAccount/runner"] },
        { "the default service account needs nothing", "{\"serviceAccountName\":\"default\",\"containers\":[" + Container + "\"args\":[]}]}", [] },
        { "optional references are left out", "{\"containers\":[" + Container + "\"envFrom\":[{\"configMapRef\":{\"name\":\"a\",\"optional\":true}}]}]}", [] },
        { "init containers count", "{\"initContainers\":[{\"name\":\"i\",\"image\":\"x\",\"envFrom\":[{\"secretRef\":{\"name\":\"init\"}}]}],\"containers\":[" + Container + "\"args\":[]}]}", ["Secret/init"] },
    };

    [Theory]
    [MemberData(nameof(References))]
    public void Dependencies_are_what_the_pod_template_names(string scenario, string podSpec, string[] expected)
    {
        var found = Dependencies.Of(Pod(podSpec)).Select(d => d.Id).ToList();

        Assert.True(found.Order().SequenceEqual(expected.Order()), $"{scenario}: found {string.Join(", ", found)}");
    }

    [Fact]
    public void Missing_dependencies_are_those_neither_bundled_nor_provided()
    {
        var workload = Pod("{\"containers\":[" + Container + "\"envFrom\":[{\"configMapRef\":{\"name\":\"a\"}},{\"secretRef\":{\"name\":\"b\"}},{\"configMapRef\":{\"name\":\"c\"}}]}]}");
        var bundled = Companion.Parse(JsonNode.Parse("""{"kind":"ConfigMap","metadata":{"name":"a"}}"""), "shop");

        var missing = Dependencies.Missing(workload, [bundled], ["Secret/b"]);

        var only = Assert.Single(missing);
        Assert.Equal(("ConfigMap/c", "spec.template.spec.containers[0].envFrom[2].configMapRef"), (only.Id, only.Path));
    }

    public static TheoryData<string, string, string> Invalid => new()
    {
        { "an unsupported kind", """{"kind":"Ingress","metadata":{"name":"x"}}""", "kind" },
        { "no name", """{"kind":"ConfigMap","metadata":{}}""", "metadata.name" },
        { "another namespace", """{"kind":"Secret","metadata":{"name":"x","namespace":"other"}}""", "metadata.namespace" },
        { "a Namespace other than the application's", """{"kind":"Namespace","metadata":{"name":"other"}}""", "metadata.name" },
        { "a wrong apiVersion", """{"apiVersion":"policy/v1beta1","kind":"PodDisruptionBudget","metadata":{"name":"x"}}""", "apiVersion" },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void A_companion_that_is_not_one_is_refused_naming_the_field(string scenario, string json, string field)
    {
        var error = Assert.Throws<InvalidTemplateException>(() => Companion.Parse(JsonNode.Parse(json), "shop"));

        Assert.True(error.Field == field, $"{scenario}: {error.Field} ({error.Message})");
    }

    [Fact]
    public void A_secret_shows_its_keys_and_a_hash_that_changes_with_a_value()
    {
        var one = Companion.Parse(JsonNode.Parse("""{"kind":"Secret","metadata":{"name":"db"},"stringData":{"password":"a"},"data":{"user":"dQ=="}}"""), "shop");
        var two = Companion.Parse(JsonNode.Parse("""{"kind":"Secret","metadata":{"name":"db"},"stringData":{"password":"b"},"data":{"user":"dQ=="}}"""), "shop");

        Assert.Equal(["password", "user"], one.Keys);
        Assert.NotEqual(one.Hash, two.Hash);
        Assert.DoesNotContain("\"a\"", one.Hash, StringComparison.Ordinal);
        Assert.Equal("shop", (string?)JsonNode.Parse(one.Manifest)!["metadata"]!["namespace"]);
    }
}
