namespace Federation.Members.Client;

public sealed partial class KubernetesMemberClient
{
    /// <summary>
    /// One GET of <c>/readyz</c> within <see cref="MemberClientOptions.ProbeTimeout"/>, never retried: a probe
    /// measures the member as it is now. Throws only when <paramref name="ct"/> is cancelled.
    /// </summary>
    public async Task<ProbeResult> ProbeAsync(CancellationToken ct = default)
    {
        var time = _options.TimeProvider;
        var started = time.GetTimestamp();
        using var timeout = new CancellationTokenSource(_options.ProbeTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(_probe.BaseUri, "readyz"));
            if (_probe.Credentials is { } credentials)
            {
                await credentials.ProcessHttpRequestAsync(request, linked.Token).ConfigureAwait(false);
            }

            using var response = await _probe.HttpClient.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token)
                .ConfigureAwait(false);
            var latency = time.GetElapsedTime(started);
            if (response.IsSuccessStatusCode)
            {
                return new ProbeResult(true, latency, null);
            }

            var body = (await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false)).Trim();
            body = body.Length <= 200 ? body : body[..200] + "...";
            return new ProbeResult(false, latency, $"/readyz answered HTTP {(int)response.StatusCode}{(body.Length > 0 ? ": " + body : "")}");
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return new ProbeResult(false, time.GetElapsedTime(started), $"no answer from /readyz within {_options.ProbeTimeout.TotalSeconds:0.###} s");
        }
        catch (Exception e)
        {
            MemberClientLog.CallFailed(_logger, Name, "probe", MemberErrorKind.Unreachable, e);
            var reason = e.InnerException is { } inner ? $"{e.Message} ({inner.Message})" : e.Message;
            return new ProbeResult(false, time.GetElapsedTime(started), $"unreachable: {reason}");
        }
    }
}
