using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Federation.Tests.ControlPlane;

public sealed class AuthTests
{
    [Fact]
    public async Task With_tokens_every_api_route_refuses_missing_or_weak_tokens_and_changes_nothing()
    {
        await using var fleet = await Fleet.StartAsync(names: ["east"], configure: o => o.Tokens = new()
        {
            ["ops"] = "operator:op-token",
            ["read"] = "viewer:view-token",
            ["root"] = "admin:admin-token",
        });
        async Task<HttpStatusCode> Send(HttpMethod method, string path, string? token, object? body = null)
        {
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            if (token is not null)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            return (await fleet.Api.SendAsync(request)).StatusCode;
        }

        var join = new { name = "east", server = fleet["east"].Url.ToString() };
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(HttpMethod.Get, "/api/v1/clusters", null));
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(HttpMethod.Get, "/api/v1/clusters", "wrong"));
        Assert.Equal(HttpStatusCode.Forbidden, await Send(HttpMethod.Post, "/api/v1/clusters", "view-token", join));
        Assert.Equal(HttpStatusCode.Forbidden, await Send(HttpMethod.Post, "/api/v1/clusters", "op-token", join));
        Assert.Equal(HttpStatusCode.OK, await Send(HttpMethod.Get, "/api/v1/clusters", "view-token"));
        Assert.Equal("[]", await (await fleet.Api.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/v1/clusters")
        {
            Headers = { Authorization = new AuthenticationHeaderValue("Bearer", "view-token") },
        })).Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.Created, await Send(HttpMethod.Post, "/api/v1/clusters", "admin-token", join));
        Assert.Equal(HttpStatusCode.Forbidden, await Send(HttpMethod.Post, "/api/v1/clusters/east/drain", "view-token"));
        Assert.Equal(HttpStatusCode.Forbidden, await Send(HttpMethod.Post, "/api/v1/clusters/east/retire", "op-token"));
        Assert.Equal(HttpStatusCode.Forbidden, await Send(HttpMethod.Delete, "/api/v1/clusters/east", "op-token"));
        Assert.Equal(HttpStatusCode.OK, await Send(HttpMethod.Post, "/api/v1/clusters/east/cordon", "op-token"));

        // Health and metrics stay open for probes and scrapers.
        Assert.Equal(HttpStatusCode.OK, (await fleet.Api.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await fleet.Api.GetAsync("/metrics")).StatusCode);
    }

    [Theory]
    [InlineData("GET", "/api/v1/applications", "Viewer")]
    [InlineData("POST", "/api/v1/plans", "Viewer")]
    [InlineData("PUT", "/api/v1/namespaces/default/applications/web", "Operator")]
    [InlineData("POST", "/api/v1/clusters/east/drain", "Operator")]
    [InlineData("POST", "/api/v1/clusters/east/maintain", "Operator")]
    [InlineData("POST", "/api/v1/clusters", "Admin")]
    [InlineData("DELETE", "/api/v1/clusters/east", "Admin")]
    [InlineData("POST", "/api/v1/clusters/east/retire", "Admin")]
    public void Each_route_needs_its_role(string method, string path, string role) =>
        Assert.Equal(Enum.Parse<Federation.Api.Role>(role), Federation.Api.TokenAuth.Required(method, path));
}
