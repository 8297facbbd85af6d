using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Federation.Members.Simulation;

/// <summary>
/// The <c>fieldValidation</c> query parameter of writes, as the API server applies it to fields
/// the kind does not declare: <c>Strict</c> refuses the request (400, "strict decoding error"),
/// <c>Warn</c> (the default) answers with a Warning header per field, <c>Ignore</c> drops them.
/// </summary>
internal static class FieldValidation
{
    public static void Check(HttpContext ctx, ResourceKind kind, JsonNode? body, bool patch)
    {
        var mode = ctx.Request.Query["fieldValidation"].ToString();
        if (mode is not ("" or "Ignore" or "Warn" or "Strict"))
        {
            throw ApiException.BadRequest($"fieldValidation: Unsupported value: \"{mode}\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
        }

        if (mode == "Ignore")
        {
            return;
        }

        var info = kind.Info();
        var unknown = new List<string>();
        ModelSchema.UnknownFields(info.Model, body, "", unknown);
        if (unknown.Count == 0)
        {
            return;
        }

        if (mode == "Strict")
        {
            var text = "strict decoding error: " + string.Join(", ", unknown.Select(f => $"unknown field \"{f}\""));
            throw ApiException.BadRequest(patch ? text : $"{info.Kind} in version \"{info.Version}\" cannot be handled as a {info.Kind}: {text}");
        }

        foreach (var field in unknown)
        {
            ctx.Response.Headers.Append("Warning", $"299 - \"unknown field \\\"{field}\\\"\"");
        }
    }
}
