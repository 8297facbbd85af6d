using System.Net;
using System.Text.Json;

namespace Federation.Cli;

/// <summary>
/// An RFC 7807 problem as the operator needs to read it: the title, the detail and,
/// for validation errors, each field with its messages.
/// </summary>
internal sealed record ProblemReport(string Title, string? Detail, IReadOnlyList<KeyValuePair<string, string>> FieldErrors)
{
    /// <summary>Reads a problem body; a body that is not a problem still yields a readable report.</summary>
    public static ProblemReport Parse(HttpStatusCode status, string? body)
    {
        var fallbackTitle = $"{(int)status} {status}";
        if (string.IsNullOrWhiteSpace(body))
        {
            return new ProblemReport(fallbackTitle, null, []);
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return new ProblemReport(fallbackTitle, Trim(body), []);
            }

            var title = Text(root, "title") ?? fallbackTitle;
            var detail = Text(root, "detail");
            var errors = new List<KeyValuePair<string, string>>();
            if (root.TryGetProperty("errors", out var fields) && fields.ValueKind == JsonValueKind.Object)
            {
                foreach (var field in fields.EnumerateObject())
                {
                    foreach (var message in Messages(field.Value))
                    {
                        errors.Add(new(field.Name, message));
                    }
                }
            }

            return new ProblemReport(title, detail, errors);
        }
        catch (JsonException)
        {
            return new ProblemReport(fallbackTitle, Trim(body), []);
        }
    }

    /// <summary>The lines printed to stderr.</summary>
    public IEnumerable<string> Lines()
    {
        yield return Detail is null || Detail == Title ? $"error: {Title}" : $"error: {Title}: {Detail}";
        foreach (var (field, message) in FieldErrors)
        {
            yield return $"  {field}: {message}";
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IEnumerable<string> Messages(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => value.EnumerateArray().Select(m => m.ValueKind == JsonValueKind.String ? m.GetString()! : m.GetRawText()),
        JsonValueKind.String => [value.GetString()!],
        _ => [value.GetRawText()],
    };

    private static string Trim(string body) => body.Length <= 500 ? body.Trim() : body[..500].Trim() + "...";
}
