using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Federation.Api;
using Federation.Api.Access;

namespace Federation.Tests.FrontDoor;

/// <summary>
/// Random JSON in any field of any request record never makes the API answer 5xx, and a request
/// it refuses changes nothing. CsCheck prints the seed of a failing run (CsCheck_Seed reproduces it).
/// </summary>
public sealed class RandomBodyProperties(GuardedFleet guarded) : IClassFixture<GuardedFleet>
{
    private const string Containers = "template.spec.template.spec.containers[0]";

    private static readonly string[] TemplateFields =
    [
        "template.metadata.name", "template.kind", "template.spec", "template.spec.replicas", "template.spec.selector",
        "template.spec.selector.matchLabels.app", "template.spec.template.metadata.labels", $"{Containers}.name",
        $"{Containers}.image", $"{Containers}.resources.requests.cpu", $"{Containers}.resources.limits.memory",
    ];

    [Fact]
    public async Task Random_values_in_any_field_never_answer_5xx_and_refused_ones_change_nothing()
    {
        (string Method, string Path, Func<JsonObject> Body, IReadOnlyList<string> Fields)[] routes =
        [
            ("PUT", "/api/v1/namespaces/default/applications/web", Bodies.Application, [.. RequestFields.Of<ApplicationRequest>(), .. TemplateFields]),
            ("POST", "/api/v1/clusters", () => Bodies.Join("west", guarded.Fleet["west"].Url), RequestFields.Of<JoinRequest>()),
            ("POST", "/api/v1/clusters/east/maintain", Bodies.Maintain, RequestFields.Of<MaintainRequest>()),
            ("POST", "/api/v1/clusters/east/schedules", Bodies.Schedule, RequestFields.Of<ScheduleRequest>()),
            ("POST", "/api/v1/plans", Bodies.Plan, RequestFields.Of<PlanRequest>()),
        ];
        Assert.Contains("placement.bounds.east.min", routes[0].Fields);
        var cases = Gen.Int[0, routes.Length - 1]
            .SelectMany(r => Gen.Int[0, routes[r].Fields.Count - 1].Select(f => (Route: r, Field: f)))
            .SelectMany(c => JsonValues.Any.Select(value => (c.Route, c.Field, Value: value)));

        await cases.SampleAsync(
            async (r, f, value) =>
            {
                var (method, path, body, fields) = routes[r];
                var before = await guarded.RecordedStateAsync();
                using var response = await SendAsync(method, path, Bodies.With(body(), fields[f], value));

                var status = (int)response.StatusCode;
                Assert.True(status < 500, $"{status}: {await response.Content.ReadAsStringAsync()}");
                if (status >= 400)
                {
                    Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
                    var after = await guarded.RecordedStateAsync();
                    Assert.True(before == after, $"refused ({status}), yet the fleet changed:\n{before}\n---\n{after}");
                }
            },
            iter: long.Parse(Environment.GetEnvironmentVariable("FEDERATION_PROPERTY_ITERATIONS") ?? "300", System.Globalization.CultureInfo.InvariantCulture),
            threads: 1,
            print: c => $"{routes[c.Item1].Method} {routes[c.Item1].Path} {routes[c.Item1].Fields[c.Item2]} = {c.Item3?.ToJsonString() ?? "null"}");
    }

    private async Task<HttpResponseMessage> SendAsync(string method, string path, string json)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", GuardedFleet.Tokens[Role.Admin]);
        return await guarded.Admin.SendAsync(request);
    }
}
