using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Federation.Members.Simulation;

/// <summary>
/// <c>/openapi/v3</c> (the index of group versions) and one document per group version with the
/// served kinds' schemas and paths. PATCH and POST declare <c>fieldValidation</c>, which tells
/// kubectl to let the server validate fields (it then needs no OpenAPI v2). Built once.
/// </summary>
internal static class OpenApiDocuments
{
    private static readonly Lazy<Dictionary<string, byte[]>> Documents = new(Build);

    private static readonly Lazy<byte[]> IndexBytes = new(() => JsonSerializer.SerializeToUtf8Bytes(new JsonObject
    {
        ["paths"] = new JsonObject(Documents.Value.Select(d => KeyValuePair.Create(d.Key, (JsonNode?)new JsonObject
        {
            ["serverRelativeURL"] = $"/openapi/v3/{d.Key}?hash={Convert.ToHexString(SHA256.HashData(d.Value))}",
        }))),
    }));

    private static readonly Lazy<byte[]> SwaggerBytes = new(BuildV2);

    public static byte[] Index => IndexBytes.Value;

    /// <summary>The document of <c>api/v1</c> or <c>apis/GROUP/VERSION</c>, or null.</summary>
    public static byte[]? Document(string groupPath) => Documents.Value.GetValueOrDefault(groupPath);

    /// <summary>OpenAPI v2 (Swagger) JSON of every served kind, for clients that ask for JSON.</summary>
    public static byte[] Swagger => SwaggerBytes.Value;

    private static Dictionary<string, byte[]> Build() => ResourceKinds.Kinds
        .GroupBy(k => k.Info().GroupPath)
        .ToDictionary(g => g.Key, g => JsonSerializer.SerializeToUtf8Bytes(Document(g)), StringComparer.Ordinal);

    private static JsonObject Document(IEnumerable<ResourceKind> kinds)
    {
        var schemas = new OpenApiSchemas();
        var paths = new JsonObject();
        foreach (var info in kinds.Select(k => k.Info()))
        {
            var reference = schemas.AddKind(info.Model, info);
            foreach (var (path, item) in OpenApiPaths.For(info, reference))
            {
                paths[path] = item;
            }
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = StoredNode.KubeletVersion },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = schemas.Schemas },
        };
    }

    private static byte[] BuildV2()
    {
        var definitions = new JsonObject();
        foreach (var document in Documents.Value.Values)
        {
            var schemas = JsonNode.Parse(document)!["components"]!["schemas"]!.AsObject();
            foreach (var (name, schema) in schemas.ToList())
            {
                schemas.Remove(name);
                definitions[name] ??= schema;
            }
        }

        var swagger = new JsonObject
        {
            ["swagger"] = "2.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = StoredNode.KubeletVersion },
            ["paths"] = new JsonObject(),
            ["definitions"] = definitions,
        };
        return System.Text.Encoding.UTF8.GetBytes(swagger.ToJsonString().Replace("#/components/schemas/", "#/definitions/", StringComparison.Ordinal));
    }
}
