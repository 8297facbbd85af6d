using System.Text.Json;
using System.Text.Json.Serialization;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace Federation.Grains;

/// <summary>
/// Calls one hook: POSTs the signed payload, each try bounded by the hook's timeout, failed tries
/// (no answer, a timeout or a 5xx) retried up to the hook's retries with exponential backoff through
/// Polly. Never throws: the answer says how the call ended, for the migration record and the report.
/// </summary>
public sealed class HookCaller(IHttpClientFactory http, HookSecrets secrets, TimeProvider time)
{
    public const string ClientName = "hooks";

    /// <summary>How much of a hook's answer is kept: enough to read why it refused.</summary>
    private const int AnswerLength = 200;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<HookAnswer> CallAsync(HookSpec hook, HookPayload payload, CancellationToken ct = default)
    {
        var body = JsonSerializer.Serialize(payload, Json);
        var secret = secrets.Unprotect(hook.Secret);
        var tries = 0;
        var builder = new ResiliencePipelineBuilder<HttpResponseMessage> { TimeProvider = time };
        if (hook.Retries > 0)
        {
            // Polly requires at least one retry; none means the single try alone.
            builder.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = hook.Retries,
                BackoffType = DelayBackoffType.Exponential,
                Delay = TimeSpan.FromMilliseconds(200),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .HandleResult(r => (int)r.StatusCode >= 500),
            });
        }

        var pipeline = builder.AddTimeout(hook.Timeout).Build();
        try
        {
            using var response = await pipeline.ExecuteAsync(
                async token =>
                {
                    tries++;
                    var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
                    using var request = new HttpRequestMessage(HttpMethod.Post, hook.Url) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
                    request.Headers.Add(HookSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
                    if (!string.IsNullOrEmpty(secret))
                    {
                        request.Headers.Add(HookSignature.SignatureHeader, HookSignature.Sign(secret, timestamp, body));
                    }

                    return await http.CreateClient(ClientName).SendAsync(request, token);
                },
                ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            return new HookAnswer(response.IsSuccessStatusCode, (int)response.StatusCode, Shorten($"{(int)response.StatusCode} {text}".Trim()), tries);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or OperationCanceledException && !ct.IsCancellationRequested)
        {
            return new HookAnswer(false, null, Shorten(e is TimeoutRejectedException ? $"no answer within {hook.Timeout.TotalSeconds:0.#}s" : e.Message), tries);
        }
    }

    private static string Shorten(string text) => text.Length <= AnswerLength ? text : text[..AnswerLength] + "…";
}
