using System.Net;
using System.Net.Http.Json;
using Federation.Grains;
using Federation.Scheduling;

namespace Federation.Tests.ControlPlane;

public sealed class ScheduleTests : IAsyncLifetime
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private Fleet _fleet = null!;

    public async Task InitializeAsync()
    {
        _fleet = await Fleet.StartAsync(names: ["east", "west"]);
        await _fleet.JoinAllAsync();
    }

    public async Task DisposeAsync() => await _fleet.DisposeAsync();

    [Fact]
    public async Task A_drain_scheduled_for_a_time_happens_then_and_only_once()
    {
        var at = DateTimeOffset.UtcNow.AddSeconds(2);
        var response = await _fleet.Api.PostAsJsonAsync("/api/v1/clusters/west/schedules", new { action = "drain", at });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var schedule = (await response.Content.ReadFromJsonAsync<ScheduleRecord>(Fleet.Json))!;
        Assert.Equal(MemberState.Ready, (await _fleet.GetClusterAsync("west"))!.State);

        await Eventually.WaitAsync(async () => (await _fleet.GetClusterAsync("west"))!.State == MemberState.Draining, Deadline, "west draining at the scheduled time");
        Assert.True(DateTimeOffset.UtcNow >= at);

        var listed = await _fleet.Api.GetFromJsonAsync<List<ScheduleRecord>>("/api/v1/schedules", Fleet.Json);
        var fired = listed!.Single(s => s.Id == schedule.Id);
        Assert.True(fired.Done);
        Assert.Null(fired.NextFireAt);
        var events = await _fleet.Api.GetFromJsonAsync<List<EventView>>("/api/v1/events?cluster=west", Fleet.Json);
        Assert.Single(events!, e => e.Kind == "ScheduleFired");
    }

    [Fact]
    public async Task A_firing_seen_by_two_silos_acts_once()
    {
        var response = await _fleet.Api.PostAsJsonAsync("/api/v1/clusters/west/schedules", new { action = "drain", at = DateTimeOffset.UtcNow.AddHours(1) });
        var schedule = (await response.Content.ReadFromJsonAsync<ScheduleRecord>(Fleet.Json))!;
        var grain = _fleet.Grains.GetGrain<IScheduleGrain>(ScheduleGrain.Key);

        // Two schedulers fire the same trigger time at once.
        var acted = await Task.WhenAll(grain.FireAsync(schedule.Id, schedule.At!.Value), grain.FireAsync(schedule.Id, schedule.At!.Value));

        Assert.Equal(1, acted.Count(a => a));
        Assert.Equal(MemberState.Draining, (await _fleet.GetClusterAsync("west"))!.State);
        await Eventually.WaitAsync(
            async () => (await _fleet.Api.GetFromJsonAsync<List<EventView>>("/api/v1/events?cluster=west", Fleet.Json))!.Any(e => e.Kind == "ScheduleFired"),
            Deadline,
            "the firing event");
        var events = await _fleet.Api.GetFromJsonAsync<List<EventView>>("/api/v1/events?cluster=west", Fleet.Json);
        Assert.Single(events!, e => e.Kind == "ScheduleFired");
    }

    [Fact]
    public async Task A_maintenance_window_on_a_cron_is_listed_with_its_next_firing_and_can_be_cancelled()
    {
        var response = await _fleet.Api.PostAsJsonAsync("/api/v1/clusters/east/schedules", new { action = "maintain", cron = "0 0 2 ? * SUN", timeZone = "Europe/Berlin", @for = "2h" });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var schedule = (await response.Content.ReadFromJsonAsync<ScheduleRecord>(Fleet.Json))!;

        Assert.NotNull(schedule.NextFireAt);
        var local = TimeZoneInfo.ConvertTime(schedule.NextFireAt!.Value, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        Assert.Equal((DayOfWeek.Sunday, 2), (local.DayOfWeek, local.Hour));
        Assert.Equal(TimeSpan.FromHours(2), schedule.Duration);

        Assert.Equal(HttpStatusCode.NoContent, (await _fleet.Api.DeleteAsync($"/api/v1/schedules/{schedule.Id}")).StatusCode);
        Assert.DoesNotContain(await _fleet.Api.GetFromJsonAsync<List<ScheduleRecord>>("/api/v1/schedules", Fleet.Json) ?? [], s => s.Id == schedule.Id);
        Assert.Equal(HttpStatusCode.NotFound, (await _fleet.Api.DeleteAsync($"/api/v1/schedules/{schedule.Id}")).StatusCode);
    }

    public static TheoryData<string, object, string> BadSchedules => new()
    {
        { "a time in the past", new { action = "retire", at = DateTimeOffset.UtcNow.AddMinutes(-5) }, "at" },
        { "no time", new { action = "drain" }, "at" },
        { "a bad cron", new { action = "maintain", cron = "every sunday", timeZone = "UTC", @for = "2h" }, "cron" },
        { "an unknown time zone", new { action = "maintain", cron = "0 0 2 ? * SUN", timeZone = "Mars/Olympus", @for = "2h" }, "timeZone" },
        { "no time zone", new { action = "maintain", cron = "0 0 2 ? * SUN", @for = "2h" }, "timeZone" },
        { "no window length", new { action = "maintain", cron = "0 0 2 ? * SUN", timeZone = "UTC" }, "for" },
        { "an unknown action", new { action = "explode", at = DateTimeOffset.UtcNow.AddHours(1) }, "action" },
    };

    [Theory]
    [MemberData(nameof(BadSchedules))]
    public async Task A_bad_schedule_is_refused_naming_the_field_and_nothing_is_scheduled(string why, object body, string field)
    {
        var response = await _fleet.Api.PostAsJsonAsync("/api/v1/clusters/east/schedules", body);

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, why);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain((await _fleet.Api.GetFromJsonAsync<List<ScheduleRecord>>("/api/v1/schedules", Fleet.Json))!, s => s.Cluster == "east");
    }
}
