using System.Text.Json;
using System.Text.Json.Nodes;
using Federation.Api;

namespace Federation.Cli;

/// <summary>
/// The JSON form of <c>apps apply -f</c>: an ApplicationRequest with <c>namespace</c> and
/// <c>name</c> beside its fields, read strictly so that a misspelt field is reported.
/// </summary>
internal static class ApplicationRequestJson
{
    public static ApplicationManifest Read(JsonObject obj)
    {
        var name = ApplicationManifest.Text(obj["name"]);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new CliInputException("name is missing (a JSON application needs namespace and name fields)");
        }

        var ns = ApplicationManifest.Text(obj["namespace"]);
        var body = obj.DeepClone().AsObject();
        body.Remove("name");
        body.Remove("namespace");
        ApplicationRequest request;
        try
        {
            request = body.Deserialize<ApplicationRequest>(PlacementSpec.Strict)!;
        }
        catch (JsonException ex)
        {
            throw PlacementSpec.Describe(ex, "application");
        }

        if (request.Placement is { } placement)
        {
            request = request with { Placement = placement with { Strategy = PlacementSpec.NormalizeStrategy(placement.Strategy, "placement.strategy") } };
        }

        return new ApplicationManifest(string.IsNullOrWhiteSpace(ns) ? ApplicationManifest.DefaultNamespace : ns, name, request);
    }

    public static JsonNode? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            throw new CliInputException($"not valid JSON at line {(ex.LineNumber ?? 0) + 1}: {ex.Message.Split(" LineNumber")[0]}");
        }
    }
}
