using System.Text.Json;

namespace Federation.Api;

/// <summary>
/// Reads a request body as JSON, turning every way it can be wrong into a problem document that
/// names the field: another or no Content-Type (415), a body over the configured limit (413),
/// malformed JSON or a value of the wrong type (400, the JSON path of the bad value).
/// </summary>
public static class JsonBody
{
    /// <param name="optional">An empty body is allowed (and read as null).</param>
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpRequest request, bool optional = false)
        where T : class
    {
        var v = new Validation();
        if (optional && request.ContentLength is null or 0 && request.Headers.TransferEncoding.Count == 0)
        {
            return (null, null);
        }

        if (!request.HasJsonContentType())
        {
            v.Add("Content-Type", $"{Validation.Quote(request.ContentType ?? "none")} is not supported; send application/json");
            return (null, v.Problem("The request body must be JSON.", StatusCodes.Status415UnsupportedMediaType));
        }

        T? body;
        try
        {
            body = await request.ReadFromJsonAsync<T>();
        }
        catch (JsonException e)
        {
            v.Add(Field(e.Path), $"malformed JSON: {Reason(e)}");
            return (null, v.Problem());
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            v.Add("body", "is larger than this host accepts (Federation:MaxRequestBodyBytes)");
            return (null, v.Problem("The request body is too large.", StatusCodes.Status413PayloadTooLarge));
        }
        catch (BadHttpRequestException e)
        {
            v.Add("body", $"could not be read ({e.Message})");
            return (null, v.Problem());
        }

        if (body is null && !optional)
        {
            v.Add("body", "a JSON object is required");
            return (null, v.Problem());
        }

        return (body, null);
    }

    /// <summary>"$.placement.weights.east" → "placement.weights.east"; the whole body → "body".</summary>
    public static string Field(string? path)
    {
        var field = (path ?? "$").TrimStart('$').TrimStart('.');
        return field.Length == 0 ? "body" : field;
    }

    private static string Reason(JsonException e)
    {
        // The serializer's messages end with where the error is ("Path: $.x | LineNumber: ..."): the
        // field says that already. Type errors name .NET types; say what JSON was expected instead.
        var message = e.Message;
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        message = cut > 0 ? message[..cut] : message;
        const string conversion = "The JSON value could not be converted to ";
        return message.StartsWith(conversion, StringComparison.Ordinal)
            ? $"expected {Expected(message[conversion.Length..].TrimEnd('.'))}"
            : Validation.Truncate(message, 200);
    }

    private static string Expected(string type) => type switch
    {
        _ when type.Contains("Int32", StringComparison.Ordinal) || type.Contains("Int64", StringComparison.Ordinal) => "a whole number in range",
        _ when type.Contains("DateTimeOffset", StringComparison.Ordinal) => "a date-time with an offset (e.g. 2026-12-01T02:00:00+01:00)",
        _ when type.Contains("Dictionary", StringComparison.Ordinal) => "an object",
        _ when type.Contains("List", StringComparison.Ordinal) || type.EndsWith("[]", StringComparison.Ordinal) => "an array",
        "System.String" => "a string",
        "System.Boolean" => "true or false",
        _ => "an object",
    };
}
