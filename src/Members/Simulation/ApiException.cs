using System.Text.Json.Nodes;
using k8s.Models;

namespace Federation.Members.Simulation;

/// <summary>A Kubernetes API failure that the router turns into a <c>Status</c> response.</summary>
internal sealed class ApiException(int code, string reason, string message, V1StatusDetails? details = null)
    : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public V1StatusDetails? Details { get; } = details;

    /// <summary>A continue token for the Status's list metadata (410 Expired on a stale continue).</summary>
    public string? Continue { get; init; }

    /// <summary>
    /// The Status document. Written by hand: the client library's V1Status converter only reads.
    /// </summary>
    public JsonObject ToStatus()
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = Continue is null ? new JsonObject() : new JsonObject { ["continue"] = Continue },
            ["status"] = "Failure",
            ["message"] = Message,
            ["reason"] = Reason,
        };
        if (Details is { } d)
        {
            var details = new JsonObject();
            if (d.Name is not null)
            {
                details["name"] = d.Name;
            }

            if (!string.IsNullOrEmpty(d.Group))
            {
                details["group"] = d.Group;
            }

            if (d.Kind is not null)
            {
                details["kind"] = d.Kind;
            }

            if (d.Causes is { Count: > 0 } causes)
            {
                details["causes"] = new JsonArray(causes.Select(c => (JsonNode?)new JsonObject
                {
                    ["reason"] = c.Reason,
                    ["message"] = c.Message,
                    ["field"] = c.Field,
                }).ToArray());
            }

            status["details"] = details;
        }

        status["code"] = Code;
        return status;
    }

    public static ApiException NotFound(ResourceKind kind, string name) =>
        new(404, "NotFound", $"{kind.Info().Qualified} \"{name}\" not found", DetailsFor(kind, name));

    public static ApiException NamespaceNotFound(string ns) =>
        new(404, "NotFound", $"namespaces \"{ns}\" not found", DetailsFor(ResourceKind.Namespace, ns));

    public static ApiException AlreadyExists(ResourceKind kind, string name) =>
        new(409, "AlreadyExists", $"{kind.Info().Qualified} \"{name}\" already exists", DetailsFor(kind, name));

    public static ApiException Conflict(ResourceKind kind, string name) =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {kind.Info().Qualified} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            DetailsFor(kind, name));

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException MethodNotAllowed() =>
        new(405, "MethodNotAllowed", "the server does not allow this method on the requested resource");

    public static ApiException UnsupportedMediaType(string? contentType) =>
        new(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got \"{contentType}\")");

    public static ApiException Invalid(ResourceKind kind, string name, IReadOnlyList<(string Field, string Message)> causes)
    {
        var text = string.Join(", ", causes.Select(c => $"{c.Field}: {c.Message}"));
        var details = DetailsFor(kind, name);
        details.Causes = causes
            .Select(c => new V1StatusCause { Field = c.Field, Message = c.Message, Reason = c.Message.StartsWith("Required", StringComparison.Ordinal) ? "FieldValueRequired" : "FieldValueInvalid" })
            .ToList();
        var info = kind.Info();
        var qualifiedKind = info.Group.Length == 0 ? info.Kind : $"{info.Kind}.{info.Group}";
        return new(422, "Invalid", $"{qualifiedKind} \"{name}\" is invalid: {text}", details);
    }

    private static V1StatusDetails DetailsFor(ResourceKind kind, string name) =>
        new() { Name = name, Group = kind.Info().Group, Kind = kind.Info().Plural };
}
