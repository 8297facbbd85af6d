using System.Net;
using System.Net.Http.Json;
using Federation.Api.Access;
using Federation.Dashboard;

namespace Federation.Tests.FrontDoor;

/// <summary>Every mapped endpoint, read from the endpoint data source, refuses callers below its role.</summary>
public sealed class EndpointAccessTests(GuardedFleet guarded) : IClassFixture<GuardedFleet>
{
    private static readonly string[] PublicRoutes = ["/", "/dashboard/{file}", "/healthz", "/readyz", "/metrics"];

    [Fact]
    public void Every_endpoint_declares_a_role_and_only_the_page_health_and_metrics_are_public()
    {
        var endpoints = MappedEndpoint.All(guarded.Fleet.Services);

        Assert.Contains(endpoints, e => e.Route == "/api/v1/clusters/{name}/retire" && e.Role == Role.Admin);
        Assert.All(endpoints, e => Assert.True(e.Role is not null ^ e.Public, $"{e}: declares {(e.Public ? "public and a role" : "no role")}"));
        Assert.Equal(PublicRoutes.Order(), endpoints.Where(e => e.Public).Select(e => e.Route).Distinct().Order());
        Assert.Equal([DashboardEndpoints.StreamRoute], endpoints.Where(e => e.AcceptsQueryToken).Select(e => e.Route));
    }

    [Fact]
    public async Task Every_endpoint_refuses_no_token_a_wrong_one_a_query_token_and_each_weaker_role_and_changes_nothing()
    {
        var before = await guarded.StateAsync();
        var failures = new List<string>();
        foreach (var endpoint in MappedEndpoint.All(guarded.Fleet.Services).Where(e => e.Role is not null))
        {
            var path = endpoint.Path(Values);
            var callers = new List<(string Who, string? Token, string Query, HttpStatusCode Expected)>
            {
                ("no token", null, "", HttpStatusCode.Unauthorized),
                ("a wrong token", "wrong-token-0123456789abcdef0123456789abcdef", "", HttpStatusCode.Unauthorized),
            };
            if (!endpoint.AcceptsQueryToken)
            {
                callers.Add(("the admin token in the query", null, $"?access_token={GuardedFleet.Tokens[Role.Admin]}", HttpStatusCode.Unauthorized));
            }

            callers.AddRange(Enum.GetValues<Role>().Where(r => r < endpoint.Role).Select(r => (r.ToString(), (string?)GuardedFleet.Tokens[r], "", HttpStatusCode.Forbidden)));
            foreach (var (who, token, query, expected) in callers)
            {
                var status = await StatusAsync(endpoint.Method, path + query, token, Body(endpoint));
                if (status != expected)
                {
                    failures.Add($"{endpoint.Method} {path} with {who}: {status}, expected {expected}");
                }
            }
        }

        Assert.Empty(failures);
        Assert.Equal(before, await guarded.StateAsync());
    }

    [Theory]
    [InlineData("POST", "/API/v1/clusters", Role.Admin)]
    [InlineData("POST", "/api/V1/CLUSTERS", Role.Admin)]
    [InlineData("POST", "/api/v1/Clusters/east/cordon", Role.Operator)]
    [InlineData("POST", "/api/v1/clusters/east/RETIRE", Role.Admin)]
    [InlineData("POST", "/api/v1/clusters/east/%72etire", Role.Admin)]
    [InlineData("POST", "/api/v1/%63lusters/east/cordon", Role.Operator)]
    [InlineData("POST", "/api//v1/clusters/east/cordon", Role.Operator)]
    [InlineData("POST", "//api/v1/clusters/east/retire", Role.Admin)]
    [InlineData("POST", "/api/v1/clusters/east/cordon/", Role.Operator)]
    [InlineData("POST", "/api/v1/clusters/east//retire", Role.Admin)]
    [InlineData("POST", "/api/v1/clusters/east%2Fretire", Role.Admin)]
    [InlineData("DELETE", "/API/v1/clusters/east", Role.Admin)]
    [InlineData("DELETE", "/Api/V1/Schedules/SCHEDULE", Role.Operator)]
    [InlineData("PUT", "/API/v1/namespaces/default/applications/web", Role.Operator)]
    [InlineData("PUT", "/api/v1/namespaces/default/applications/web/", Role.Operator)]
    public async Task Another_spelling_of_a_path_meets_the_same_check(string method, string spelling, Role needed)
    {
        var path = spelling.Replace("SCHEDULE", guarded.ScheduleId, StringComparison.Ordinal);
        var before = await guarded.StateAsync();
        var body = method == "DELETE" ? null : """{"name":"west","server":"http://127.0.0.1:1","replicas":9}""";

        Assert.Equal(401, await RawHttp.SendAsync(new Uri(guarded.Fleet.Url), method, path, json: body));
        foreach (var weaker in Enum.GetValues<Role>().Where(r => r < needed))
        {
            var status = await RawHttp.SendAsync(new Uri(guarded.Fleet.Url), method, path, GuardedFleet.Tokens[weaker], body);
            Assert.True(status is 403 or 404 or 405, $"{method} {path} as {weaker}: {status}");
        }

        Assert.Equal(before, await guarded.StateAsync());
    }

    [Theory]
    [InlineData("/api/v1/nothing")]
    [InlineData("/API/V2/clusters")]
    [InlineData("/nothing")]
    public async Task An_unknown_path_is_404_after_authentication_and_401_before(string path)
    {
        using var anonymous = guarded.Client(null);
        using var viewer = guarded.Client(Role.Viewer);

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync(path, null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await viewer.PostAsync(path, null)).StatusCode);
    }

    [Fact]
    public async Task A_refusal_is_a_problem_document_that_says_what_is_needed()
    {
        using var anonymous = guarded.Client(null);
        using var viewer = guarded.Client(Role.Viewer);

        using var unauthenticated = await anonymous.GetAsync("/api/v1/clusters");
        Assert.Equal("Bearer", unauthenticated.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", unauthenticated.Content.Headers.ContentType?.MediaType);
        using var forbidden = await viewer.PostAsync("/api/v1/clusters/east/drain", null);
        Assert.Contains("needs the operator role", await forbidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private IReadOnlyDictionary<string, string> Values => new Dictionary<string, string>
    {
        ["name"] = "east",
        ["ns"] = "default",
        ["member"] = "east",
        ["id"] = guarded.ScheduleId,
        ["file"] = "dashboard.js",
        ["documentName"] = "v1",
    };

    /// <summary>A body the route would accept from the right caller, so that a missing check would show as a change.</summary>
    private object? Body(MappedEndpoint endpoint) => (endpoint.Method, endpoint.Route.TrimEnd('/')) switch
    {
        ("POST", "/api/v1/clusters") => new { name = "west", server = guarded.Fleet["west"].Url.ToString() },
        ("PUT", _) => new { replicas = 5, template = ControlPlane.Fleet.Template(Values["name"]) },
        ("POST", var r) when r.EndsWith("/maintain", StringComparison.Ordinal) => new { @for = "1h" },
        ("POST", var r) when r.EndsWith("/schedules", StringComparison.Ordinal) => new { action = "retire", at = DateTimeOffset.UtcNow.AddDays(1) },
        ("POST", "/api/v1/plans") => new { drain = new[] { "east" } },
        ("POST", "/api/v1/plans/survivability") => new { survive = 1, by = "region" },
        _ => null,
    };

    private async Task<HttpStatusCode> StatusAsync(string method, string path, string? token, object? body)
    {
        using var http = guarded.Client(null);
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = body is null ? null : JsonContent.Create(body) };
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        // Headers only: the event stream never ends by itself.
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        return response.StatusCode;
    }
}
