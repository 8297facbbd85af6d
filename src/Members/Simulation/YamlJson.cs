using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Federation.Members.Yaml;

namespace Federation.Members.Simulation;

/// <summary>Request bodies as JSON trees: JSON as is, YAML (apply-patch+yaml) through the core schema.</summary>
internal static class YamlJson
{
    public static JsonNode? Parse(byte[] body, bool allowYaml)
    {
        try
        {
            return JsonNode.Parse(body);
        }
        catch (JsonException) when (allowYaml)
        {
            return FromYaml(Encoding.UTF8.GetString(body));
        }
        catch (JsonException e)
        {
            throw ApiException.BadRequest($"the body of the request could not be decoded: {e.Message}");
        }
    }

    private static JsonNode? FromYaml(string text)
    {
        try
        {
            return YamlToJson.Documents(text).FirstOrDefault();
        }
        catch (YamlInputException e)
        {
            throw ApiException.BadRequest($"error converting YAML to JSON: {e.Message}");
        }
    }
}
