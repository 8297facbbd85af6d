using Federation.Api.Access;
using Federation.Grains;

namespace Federation.Api;

public static class EventEndpoints
{
    public static void MapEventEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/events", async (string? application, string? cluster, int? limit, IGrainFactory grains) =>
        {
            if (limit is < 1)
            {
                var v = new Validation();
                v.Add("limit", $"{limit} must be at least 1");
                return v.Problem();
            }

            var events = await GrainCalls.RetryAsync(() =>
                grains.GetGrain<IEventLogGrain>(EventRecorder.LogKey).QueryAsync(application, cluster, limit ?? 100));
            return Results.Ok(events);
        }).WithTags("events").RequireRole(Role.Viewer);
}
