using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Federation.Api.Access;
using Federation.Tests.ControlPlane;

namespace Federation.Tests.FrontDoor;

/// <summary>
/// A fleet whose API has one token per role, with something in it for every route to touch: a
/// joined member (east) and one waiting (west), an application (default/web) and a schedule.
/// </summary>
public sealed class GuardedFleet : IAsyncLifetime
{
    public static readonly IReadOnlyDictionary<Role, string> Tokens = new Dictionary<Role, string>
    {
        [Role.Viewer] = "viewer-token-0123456789abcdef0123456789abcdef",
        [Role.Operator] = "operator-token-0123456789abcdef0123456789abcdef",
        [Role.Admin] = "admin-token-0123456789abcdef0123456789abcdef",
    };

    public Fleet Fleet { get; private set; } = null!;

    public HttpClient Admin { get; private set; } = null!;

    public string ScheduleId { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Fleet = await Fleet.StartAsync(names: ["east", "west"], configure: o => o.Tokens = Tokens.ToDictionary(
            t => t.Key.ToString().ToLowerInvariant(), t => $"{t.Key.ToString().ToLowerInvariant()}:{t.Value}"));
        Admin = Client(Role.Admin);
        await Expect(HttpStatusCode.Created, Admin.PostAsJsonAsync("/api/v1/clusters", new { name = "east", server = Fleet["east"].Url.ToString() }));
        await Expect(HttpStatusCode.OK, Admin.PutAsJsonAsync("/api/v1/namespaces/default/applications/web", new { replicas = 2, template = Fleet.Template("web") }));
        var schedule = await Admin.PostAsJsonAsync("/api/v1/clusters/east/schedules", new { action = "drain", at = DateTimeOffset.UtcNow.AddDays(30) });
        ScheduleId = (await schedule.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetString()!;
        await Eventually.WaitAsync(() => Fleet.SpecTotal("default", "web") == 2, TimeSpan.FromSeconds(30), "web on east");
    }

    public HttpClient Client(Role? role) => new()
    {
        BaseAddress = new Uri(Fleet.Url),
        DefaultRequestHeaders = { Authorization = role is { } r ? new AuthenticationHeaderValue("Bearer", Tokens[r]) : null },
    };

    public Task<string> StateAsync() => FleetState.ReadAsync(Fleet, Admin, "default/web");

    /// <summary>The records alone (members, applications, schedules): members' Deployments follow an accepted change later.</summary>
    public Task<string> RecordedStateAsync() => FleetState.ReadAsync(Fleet, Admin);

    public async Task DisposeAsync()
    {
        Admin.Dispose();
        await Fleet.DisposeAsync();
    }

    private static async Task Expect(HttpStatusCode code, Task<HttpResponseMessage> call)
    {
        using var response = await call;
        Assert.True(response.StatusCode == code, $"{response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
