using System.Text.Json.Nodes;
using CsCheck;
using Federation.Members.Simulation;
using k8s.Models;

namespace Federation.Members.Tests.Simulation.Protobuf;

public sealed class ProtobufBodyTests
{
    [Fact]
    public void Any_deployment_encoded_as_protobuf_decodes_to_the_object_its_json_stores()
    {
        DeploymentGen.Deployment.Select(Gen.Bool).Sample((deployment, packed) =>
        {
            var json = KubeJson.ToNode(deployment).AsObject();
            if (Accepted(json) is not { } stored)
            {
                return;
            }

            var decoded = KubeProtobuf.Decode(ReferenceEncoder.Envelope(json, packed));
            Assert.Equal(stored, Stored(decoded));
        });
    }

    public static TheoryData<string, string, string> Fields => new()
    {
        { "an explicit replicas: 0 stays 0 (a pointer field)", """{"spec":{"replicas":0}}""", """{"spec":{"replicas":0}}""" },
        { "maxUnavailable: 0 stays 0", """{"spec":{"strategy":{"rollingUpdate":{"maxUnavailable":0,"maxSurge":"50%"}}}}""", """{"spec":{"strategy":{"rollingUpdate":{"maxUnavailable":0,"maxSurge":"50%"}}}}""" },
        { "unset non-pointer fields written as zero are dropped", """{"spec":{}}""", """{"spec":{}}""" },
        { "labels and annotations are maps", """{"metadata":{"name":"web","labels":{"a":"1","b":"2"},"annotations":{"x":""}}}""", """{"metadata":{"name":"web","labels":{"a":"1","b":"2"},"annotations":{"x":""}}}""" },
        { "a creation time keeps its seconds", """{"metadata":{"creationTimestamp":"2026-01-02T03:04:05Z"}}""", """{"metadata":{"creationTimestamp":"2026-01-02T03:04:05Z"}}""" },
        { "quantities and ports", """{"spec":{"template":{"spec":{"containers":[{"name":"a","ports":[{"containerPort":80}],"resources":{"requests":{"cpu":"100m"}}}]}}}}""", """{"spec":{"template":{"spec":{"containers":[{"name":"a","ports":[{"containerPort":80}],"resources":{"requests":{"cpu":"100m"}}}]}}}}""" },
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void Reads_fields_as_kubernetes_json_has_them(string name, string input, string expected)
    {
        _ = name;
        var obj = JsonNode.Parse(input)!.AsObject();
        obj["apiVersion"] = "apps/v1";
        obj["kind"] = "Deployment";
        var decoded = KubeProtobuf.Decode(ReferenceEncoder.Envelope(obj));
        decoded.Remove("apiVersion");
        decoded.Remove("kind");
        Assert.Equal(JsonNode.Parse(expected)!.ToJsonString(), decoded.ToJsonString());
    }

    [Theory]
    [InlineData("no magic prefix", new byte[] { 1, 2, 3, 4, 5 })]
    [InlineData("a truncated message", new byte[] { 0x6b, 0x38, 0x73, 0x00, 0x0a, 0x40, 0x01 })]
    public void Malformed_bodies_are_a_bad_request(string name, byte[] body)
    {
        _ = name;
        var e = Assert.Throws<ApiException>(() => KubeProtobuf.Decode(body));
        Assert.Equal(400, e.Code);
    }

    [Fact]
    public void A_kind_without_a_decoder_is_a_bad_request_naming_it()
    {
        var body = ReferenceEncoder.Envelope(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace" });
        var job = body.AsSpan().IndexOf("Namespace"u8);
        var e = Assert.Throws<ApiException>(() => KubeProtobuf.Decode([.. body[..job], .. "Nam3space"u8, .. body[(job + 9)..]]));
        Assert.Contains("\"Nam3space\"", e.Message, StringComparison.Ordinal);
    }

    /// <summary>What the simulator would store for this JSON, or null when it refuses it.</summary>
    private static string? Accepted(JsonObject json)
    {
        try
        {
            return Stored(json);
        }
        catch (ApiException)
        {
            return null;
        }
    }

    private static string Stored(JsonObject json)
    {
        var model = KubeJson.FromNode<V1Deployment>(json);
        DeploymentDefaults.Apply(model);
        DeploymentValidation.Validate(model, null);
        return KubeJson.ToNode(model).ToJsonString();
    }
}
