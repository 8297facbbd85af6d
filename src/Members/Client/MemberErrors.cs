using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using k8s.Autorest;
using Polly.Timeout;

namespace Federation.Members.Client;

/// <summary>Sorts what went wrong talking to a member into <see cref="MemberErrorKind"/>s, and says which are worth a retry.</summary>
internal static class MemberErrors
{
    /// <summary>Worth another attempt: the member may answer next time. A 4xx never changes by asking again (429 aside).</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        TimeoutRejectedException => true,
        HttpOperationException h => StatusOf(h) is { } s && ((int)s >= 500 || s == HttpStatusCode.TooManyRequests || s == HttpStatusCode.RequestTimeout),
        HttpRequestException or IOException or SocketException => true,
        _ => false,
    };

    public static MemberClientException Classify(string member, string operation, Exception e)
    {
        if (e is MemberClientException known)
        {
            return known;
        }

        var (kind, detail) = e switch
        {
            TimeoutRejectedException t => (MemberErrorKind.Timeout, $"no answer within {t.Timeout.TotalSeconds:0.###} s"),
            OperationCanceledException => (MemberErrorKind.Timeout, "no answer in time"),
            HttpOperationException h => FromStatus(h),
            HttpRequestException or IOException or SocketException => (MemberErrorKind.Unreachable, Innermost(e)),
            _ => (MemberErrorKind.ServerError, $"{e.GetType().Name}: {e.Message}"),
        };
        return new MemberClientException(kind, $"member '{member}': {operation} failed: {kind}: {detail}", e);
    }

    public static HttpStatusCode? StatusOf(HttpOperationException e) => e.Response?.StatusCode;

    private static (MemberErrorKind, string) FromStatus(HttpOperationException e)
    {
        var status = StatusOf(e);
        var code = (int?)status ?? 0;
        var kind = code switch
        {
            401 => MemberErrorKind.Unauthorized,
            403 => MemberErrorKind.Forbidden,
            404 => MemberErrorKind.NotFound,
            409 => MemberErrorKind.Conflict,
            408 => MemberErrorKind.Timeout,
            // An overloaded member (429) is, to the caller, a server-side and transient condition.
            429 => MemberErrorKind.ServerError,
            >= 500 => MemberErrorKind.ServerError,
            _ => MemberErrorKind.Invalid,
        };
        var message = StatusMessage(e.Response?.Content);
        return (kind, message is null ? $"HTTP {code} {status}" : $"HTTP {code} {status}: {message}");
    }

    /// <summary>The <c>message</c> of a Kubernetes Status body, or a short prefix of whatever else came back.</summary>
    private static string? StatusMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("message", out var message)
                && message.ValueKind == JsonValueKind.String)
            {
                return message.GetString();
            }
        }
        catch (JsonException)
        {
            // Not a Status; fall through to the raw text.
        }

        var text = body.Trim();
        return text.Length <= 200 ? text : text[..200] + "...";
    }

    private static string Innermost(Exception e)
    {
        var inner = e;
        while (inner.InnerException is not null)
        {
            inner = inner.InnerException;
        }

        return ReferenceEquals(inner, e) ? e.Message : $"{e.Message} ({inner.Message})";
    }
}
