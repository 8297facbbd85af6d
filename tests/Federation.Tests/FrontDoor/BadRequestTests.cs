using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Federation.Api.Access;

namespace Federation.Tests.FrontDoor;

/// <summary>Bad input gets a 4xx problem document naming the field, and changes nothing: not the fleet, not a member's Deployments.</summary>
public sealed class BadRequestTests(GuardedFleet guarded) : IClassFixture<GuardedFleet>
{
    public static TheoryData<string> Cases => [.. BadRequests.All.Keys];

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_request_is_refused_naming_the_field_and_changes_nothing(string why)
    {
        var bad = BadRequests.All[why];
        var before = await guarded.StateAsync();

        using var response = await SendAsync(bad.Method, bad.Path, bad.ContentType, bad.Body);

        var problem = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == bad.Status, $"{why}: {(int)response.StatusCode} {problem}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var doc = JsonDocument.Parse(problem);
        Assert.True(doc.RootElement.GetProperty("errors").TryGetProperty(bad.Field, out _), $"{why}: {problem}");
        Assert.Equal(before, await guarded.StateAsync());
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await guarded.Admin.GetAsync("/api/v1/clusters/south")).StatusCode);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_413_and_changes_nothing()
    {
        var before = await guarded.StateAsync();
        var body = Bodies.Application();
        body["padding"] = new string('x', 1024 * 1024);

        using var response = await SendAsync("PUT", "/api/v1/namespaces/default/applications/web", "application/json", body.ToJsonString());

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("\"body\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await guarded.StateAsync());
    }

    [Theory]
    [InlineData("POST", "/api/v1/clusters", """{"name":"VALUE","server":"http://127.0.0.1:1"}""")]
    [InlineData("PUT", "/api/v1/namespaces/default/applications/web", """{"replicas":2,"template":{},"placement":{"strategy":"VALUE"}}""")]
    [InlineData("POST", "/api/v1/clusters/east/maintain", """{"for":"VALUE"}""")]
    [InlineData("POST", "/api/v1/plans", """{"add":[{"name":"n","nodes":1,"cpu":"VALUE","memory":"1Gi"}]}""")]
    public async Task An_invalid_value_is_never_echoed_at_full_length(string method, string path, string body)
    {
        var value = new string('Q', 5000);

        using var response = await SendAsync(method, path, "application/json", body.Replace("VALUE", value, StringComparison.Ordinal));

        var problem = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("QQQQ", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(new string('Q', 100), problem, StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string? contentType, string body)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method != "GET")
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
            request.Content.Headers.ContentType = contentType is null ? null : new MediaTypeHeaderValue(contentType);

            // As curl does for large bodies: the server refuses by the declared length, before the body is sent.
            request.Headers.ExpectContinue = body.Length > 64 * 1024;
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GuardedFleet.Tokens[Role.Admin]);
        return await guarded.Admin.SendAsync(request);
    }
}
