using Federation.Api.Access;
using Federation.Grains;

namespace Federation.Api;

public static class EventEndpoints
{
    public const int MaxLimit = 10_000;

    public static void MapEventEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/events", async (string? application, string? cluster, string? limit, IGrainFactory grains) =>
        {
            // Read here rather than bound as int?: a binding failure would be a bare 400 naming nothing.
            var count = 100;
            if (limit is not null && (!int.TryParse(limit, System.Globalization.CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxLimit))
            {
                var v = new Validation();
                v.Add("limit", $"{Validation.Quote(limit)} is not a whole number from 1 to {MaxLimit}");
                return v.Problem();
            }

            var events = await GrainCalls.RetryAsync(() =>
                grains.GetGrain<IEventLogGrain>(EventRecorder.LogKey).QueryAsync(application, cluster, count));
            return Results.Ok(events);
        }).WithTags("events").RequireRole(Role.Viewer);
}
