using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Federation.Cli;

/// <summary>The REST API over HTTP: errors become exceptions the verbs map to exit codes.</summary>
internal sealed class FederationClient : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private readonly HttpClient _http;
    private readonly Uri _server;

    public FederationClient(Uri server, string? token, HttpMessageHandler? handler = null)
    {
        _server = server;
        _http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: true);
        _http.BaseAddress = server;
        _http.Timeout = RequestTimeout;
        if (!string.IsNullOrEmpty(token))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public Task<ApiResponse<T>> GetAsync<T>(string path, CancellationToken ct) =>
        SendAsync<T>(HttpMethod.Get, path, null, ct);

    public async Task<ApiResponse<T>> SendAsync<T>(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        var json = await SendRawAsync(method, path, body, ct);
        try
        {
            var value = JsonSerializer.Deserialize<T>(json, CliJson.Options)
                ?? throw new FederationUnavailableException($"{method} {path}: the server sent an empty answer");
            return new ApiResponse<T>(value, json);
        }
        catch (JsonException ex)
        {
            throw new FederationUnavailableException($"{method} {path}: the server's answer could not be read ({ex.Message})", ex);
        }
    }

    /// <summary>Sends a request and returns the body of a successful answer (empty for 202/204).</summary>
    public async Task<string> SendRawAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, path.TrimStart('/'));
        if (body is not null)
        {
            var payload = JsonSerializer.Serialize(body, body.GetType(), CliJson.Options);
            request.Content = new StringContent(payload, Encoding.UTF8, "application/json");
        }

        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new FederationUnavailableException($"cannot reach the federation server at {_server}: {ex.Message}", ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new FederationUnavailableException(
                $"the federation server at {_server} did not answer {method} {path} within {RequestTimeout.TotalSeconds:0} s", ex);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                var problem = ProblemReport.Parse(response.StatusCode, text);
                if (response.StatusCode == HttpStatusCode.Unauthorized && problem.Detail is null)
                {
                    problem = problem with { Detail = "pass --token or set FEDERATION_TOKEN" };
                }

                throw new FederationApiException(response.StatusCode, problem);
            }

            return text;
        }
    }

    public void Dispose() => _http.Dispose();
}
