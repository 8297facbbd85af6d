using System.Text.Json;
using Federation.Api.Access;
using Federation.Grains;
using Microsoft.AspNetCore.Authorization;
using Quartz;
using Federation.Membership;

namespace Federation.Api;

/// <summary>Scheduled drains, retirements and maintenance windows: create, list, cancel.</summary>
public static class ScheduleEndpoints
{
    public static void MapScheduleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/schedules", async (IGrainFactory grains) =>
            Results.Ok((await GrainCalls.RetryAsync(() => Grain(grains).ListAsync())).Schedules)).WithTags("schedules").RequireRole(Role.Viewer);

        app.MapDelete("/api/v1/schedules/{id}", async (string id, IGrainFactory grains) =>
            await GrainCalls.RetryAsync(() => Grain(grains).CancelAsync(id))
                ? Results.NoContent()
                : Results.Problem($"no schedule {Validation.Quote(id)}", statusCode: 404, title: "schedule not found")).WithTags("schedules").RequireRole(Role.Operator);

        app.MapPost("/api/v1/clusters/{name}/schedules", async (string name, HttpRequest request, IGrainFactory grains, TimeProvider time, IAuthorizationService authorization) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<ScheduleRequest>(request);
            if (problem is not null)
            {
                return problem;
            }

            var v = new Validation();

            if (await GrainCalls.RetryAsync(() => grains.GetGrain<IMemberClusterGrain>(name).GetAsync()) is null)
            {
                return Results.Problem($"no member named {Validation.Quote(name)}", statusCode: 404, title: "member not found");
            }

            var schedule = Build(name, body, time.GetUtcNow(), v);
            if (schedule is null)
            {
                return v.Problem("The schedule is invalid.");
            }

            // The route is the operator's; what it schedules can ask for more (a retirement is the admin's).
            if (MemberActions.Find(schedule.Action) is { AdminOnly: true } && !(await authorization.AuthorizeAsync(request.HttpContext.User, ApiAccess.Policy(Role.Admin))).Succeeded)
            {
                return Results.Problem("scheduling a retirement needs the admin role", statusCode: 403, title: "forbidden");
            }

            var added = await GrainCalls.RetryAsync(() => Grain(grains).AddAsync(schedule));
            return Results.Created($"/api/v1/schedules/{added.Id}", added);
        }).WithTags("schedules").RequireRole(Role.Operator);
    }

    private static ScheduleRecord? Build(string cluster, ScheduleRequest? body, DateTimeOffset now, Validation v)
    {
        if (body is null)
        {
            v.Add("body", "a JSON object with action and at, or cron, timeZone and for, is required");
            return null;
        }

        switch (body.Action)
        {
            case "drain" or "retire":
                if (body.At is not { } at)
                {
                    v.Add("at", "is required: a time with an explicit offset, e.g. 2026-12-01T02:00:00+01:00");
                }
                else
                {
                    v.Future("at", at, now);
                }

                if (body.Cron is not null)
                {
                    v.Add("cron", $"only maintenance windows repeat; {body.Action} takes at");
                }

                return v.Ok ? new ScheduleRecord(NewId(), cluster, body.Action, body.At, null, "UTC", null, now, null, false, null) : null;

            case "maintain":
                TimeZoneInfo? zone = null;
                if (string.IsNullOrWhiteSpace(body.TimeZone))
                {
                    v.Add("timeZone", "is required for a cron schedule (e.g. UTC, Europe/Berlin)");
                }
                else if (!TimeZoneInfo.TryFindSystemTimeZoneById(body.TimeZone, out zone))
                {
                    v.Add("timeZone", $"{Validation.Quote(body.TimeZone)} is not a known time zone");
                }

                CronExpression? cron = null;
                try
                {
                    cron = string.IsNullOrWhiteSpace(body.Cron) ? null : new CronExpression(body.Cron, zone ?? TimeZoneInfo.Utc);
                }
                catch (FormatException)
                {
                }

                if (cron is null)
                {
                    v.Add("cron", $"{Validation.Quote(body.Cron)} is not a cron expression (Quartz syntax, e.g. \"0 0 2 ? * SUN\")");
                }
                else if (cron.GetNextValidTimeAfter(now) is null)
                {
                    v.Add("cron", $"{Validation.Quote(body.Cron)} never fires after now");
                }

                var length = v.RequiredDuration("for", body.For);

                return v.Ok ? new ScheduleRecord(NewId(), cluster, "maintain", null, body.Cron, body.TimeZone!, length, now, null, false, null) : null;

            default:
                v.Add("action", $"{Validation.Quote(body.Action)} is not one of {string.Join(", ", MemberActions.All.Where(a => a.Schedulable).Select(a => a.Name))}");
                return null;
        }
    }

    private static string NewId() => Guid.NewGuid().ToString("N")[..12];

    private static IScheduleGrain Grain(IGrainFactory grains) => grains.GetGrain<IScheduleGrain>(ScheduleGrain.Key);
}
