using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Federation.Dashboard;

namespace Federation.Tests.Dashboard;

/// <summary>The stream and the page's files over plain HTTP, against a running host (no browser).</summary>
[Collection(Name)]
public sealed class DashboardStreamTests
{
    /// <summary>Apart from the browser's collection: these need no Chromium.</summary>
    public const string Name = "Dashboard stream";

    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Stream_pushes_members_applications_and_events_as_they_change()
    {
        await using var fleet = await DashboardFleet.StartAsync();
        using var response = await fleet.Fleet.Api.GetAsync(DashboardEndpoints.StreamRoute, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        using var deadline = new CancellationTokenSource(Deadline);

        // Opened before anything joined: the first snapshot is an empty fleet.
        using var first = await NextSnapshotAsync(reader, deadline.Token);
        Assert.Equal(0, first.RootElement.GetProperty("clusters").GetArrayLength());

        await fleet.Fleet.JoinAllAsync();
        await fleet.PutSampleApplicationAsync();
        while (true)
        {
            using var snapshot = await NextSnapshotAsync(reader, deadline.Token);
            var root = snapshot.RootElement;
            var clusters = root.GetProperty("clusters").EnumerateArray().ToList();
            var applications = root.GetProperty("applications").EnumerateArray().ToList();
            if (clusters.Count == 3 && clusters.All(c => c.GetProperty("state").GetString() == "Ready")
                && applications.Count == 1 && applications[0].GetProperty("readyReplicas").GetInt32() == 6)
            {
                Assert.Equal(["central", "east", "west"], clusters.Select(c => c.GetProperty("name").GetString()));
                Assert.All(clusters, c => Assert.True(c.GetProperty("capacity").GetProperty("allocatableMilliCpu").GetInt64() > 0));
                Assert.All(clusters, c => Assert.Equal(1, c.GetProperty("workloads").GetArrayLength()));
                Assert.Equal("Weighted", applications[0].GetProperty("strategy").GetString());
                Assert.NotEqual(0, root.GetProperty("events").GetArrayLength());
                break;
            }
        }
    }

    [Fact]
    public async Task With_tokens_configured_the_stream_needs_one_and_takes_it_as_access_token()
    {
        await using var fleet = await DashboardFleet.StartAsync(o => o.Tokens["ops"] = "viewer:s3cret-0123456789abcdef0123456789abcdef");
        using var http = new HttpClient { BaseAddress = new Uri(fleet.Url) };

        Assert.Equal(HttpStatusCode.Unauthorized, await StatusOfAsync(http, DashboardEndpoints.StreamRoute));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusOfAsync(http, $"{DashboardEndpoints.StreamRoute}?access_token=wrong"));
        Assert.Equal(HttpStatusCode.Unauthorized, await StatusOfAsync(http, $"{DashboardEndpoints.StreamRoute}?access_token=viewer:s3cret-0123456789abcdef0123456789abcdef"));
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(http, $"{DashboardEndpoints.StreamRoute}?access_token=s3cret-0123456789abcdef0123456789abcdef"));
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(http, DashboardEndpoints.StreamRoute, bearer: "s3cret-0123456789abcdef0123456789abcdef"));

        // The page itself carries no fleet data and loads without a token.
        Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(http, "/"));
    }

    [Fact]
    public async Task Page_and_assets_are_served_from_the_assembly()
    {
        await using var fleet = await DashboardFleet.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(fleet.Url) };

        using var page = await http.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains("<main", html);
        Assert.Contains("/dashboard/dashboard.js", html);

        foreach (var (file, type) in new[] { ("dashboard.js", "text/javascript"), ("dashboard.css", "text/css") })
        {
            using var asset = await http.GetAsync($"/dashboard/{file}");
            Assert.Equal(HttpStatusCode.OK, asset.StatusCode);
            Assert.Equal(type, asset.Content.Headers.ContentType?.MediaType);

            using var again = new HttpRequestMessage(HttpMethod.Get, $"/dashboard/{file}");
            again.Headers.IfNoneMatch.Add(asset.Headers.ETag!);
            using var cached = await http.SendAsync(again);
            Assert.Equal(HttpStatusCode.NotModified, cached.StatusCode);
        }

        using var missing = await http.GetAsync("/dashboard/missing.js");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    private static async Task<HttpStatusCode> StatusOfAsync(HttpClient http, string path, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        // Headers only: a stream that was let in never ends by itself.
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode;
    }

    private static async Task<JsonDocument> NextSnapshotAsync(StreamReader reader, CancellationToken ct)
    {
        var isSnapshot = false;
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line == "event: snapshot")
            {
                isSnapshot = true;
            }
            else if (isSnapshot && line.StartsWith("data: ", StringComparison.Ordinal))
            {
                return JsonDocument.Parse(line["data: ".Length..]);
            }
            else if (line.Length == 0)
            {
                isSnapshot = false;
            }
        }

        throw new EndOfStreamException("the stream ended before a snapshot");
    }
}
