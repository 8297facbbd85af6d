using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CsCheck;
using Federation.Api;
using Federation.Grains;

namespace Federation.Tests.FrontDoor;

/// <summary>
/// The API asks the host for the joined members only when a request is checked against them
/// (<see cref="ApplicationSpecBuilder.ChecksMembers"/>): any other request must build to the same
/// spec, or be refused for the same fields, whatever members there are.
/// </summary>
public sealed class MemberChecksProperties
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    private static readonly IReadOnlyList<MemberLabels> Joined =
    [
        new("east", new Dictionary<string, string> { ["region"] = "us" }),
        new("west", new Dictionary<string, string> { ["region"] = "eu" }),
    ];

    [Fact]
    public void A_request_that_names_no_member_builds_the_same_without_the_members()
    {
        var fields = RequestFields.Of<ApplicationRequest>();
        var cases = Gen.Int[0, fields.Count - 1].SelectMany(f => JsonValues.Any.Select(value => (Field: f, Value: value)));
        var checkedWithout = 0;

        cases.Sample(
            (f, value) =>
            {
                if (Read(Bodies.With(Plain(), fields[f], value)) is not { } body || ApplicationSpecBuilder.ChecksMembers(body))
                {
                    return true;
                }

                checkedWithout++;
                return Built(body, Joined) == Built(body, []);
            },
            iter: 2_000,
            print: c => $"{fields[c.Item1]} = {c.Item2?.ToJsonString() ?? "null"}");

        Assert.True(checkedWithout > 100, $"only {checkedWithout} requests that name no member were built");
    }

    [Theory]
    [InlineData("placement.clusterNames", """["north"]""")]
    [InlineData("placement.clusterSelector", """{"region":"mars"}""")]
    [InlineData("placement.weights", """{"north":1}""")]
    [InlineData("placement.bounds", """{"north":{"max":1}}""")]
    public void A_request_that_names_members_is_checked_against_them(string field, string value)
    {
        var body = Read(Bodies.With(Plain(), field, JsonNode.Parse(value)))!;

        Assert.True(ApplicationSpecBuilder.ChecksMembers(body));
        Assert.Contains(field, Built(body, Joined));
    }

    /// <summary>The valid application body without the placement fields that name members.</summary>
    private static JsonObject Plain()
    {
        var body = Bodies.Application();
        body["placement"] = new JsonObject { ["strategy"] = "Weighted" };
        return body;
    }

    private static ApplicationRequest? Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ApplicationRequest>(json, Web);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The spec built, or the fields refused and why, as text.</summary>
    private static string Built(ApplicationRequest body, IReadOnlyList<MemberLabels> members)
    {
        var v = new Validation();
        var spec = ApplicationSpecBuilder.Build("default", "web", body, members, v);
        return spec is not null && v.Ok
            ? JsonSerializer.Serialize(spec, Web)
            : string.Join("; ", v.Errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"));
    }
}
