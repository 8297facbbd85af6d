using System.Text.Json;
using Federation.Tests.ControlPlane;

namespace Federation.Tests.FrontDoor;

/// <summary>
/// What a refused request must leave as it was: the members (names, states, labels), the
/// applications (specs), the schedules, and every member's Deployments. Read with an admin
/// client; compared as text so that a failure shows what changed.
/// </summary>
public static class FleetState
{
    public static async Task<string> ReadAsync(Fleet fleet, HttpClient admin, params string[] applications)
    {
        var clusters = await ListAsync(admin, "/api/v1/clusters", c => $"{c.GetProperty("name")}:{c.GetProperty("state")}:{c.GetProperty("labels")}");
        var apps = await ListAsync(admin, "/api/v1/applications", a => $"{a.GetProperty("namespace")}/{a.GetProperty("name")}:{a.GetProperty("replicas")}:{a.GetProperty("strategy")}");
        var schedules = await ListAsync(admin, "/api/v1/schedules", s => $"{s.GetProperty("id")}:{s.GetProperty("action")}");
        var deployments = fleet.Members.SelectMany(m => applications.Select(a => $"{m.Name}/{a}={m.SpecReplicas(a.Split('/')[0], a.Split('/')[1])}"));
        return string.Join('\n', clusters.Concat(apps).Concat(schedules).Concat(deployments));
    }

    private static async Task<IEnumerable<string>> ListAsync(HttpClient admin, string path, Func<JsonElement, string> describe)
    {
        using var doc = JsonDocument.Parse(await admin.GetStringAsync(path));
        return doc.RootElement.EnumerateArray().Select(e => $"{path}: {describe(e)}").Order(StringComparer.Ordinal).ToList();
    }
}
