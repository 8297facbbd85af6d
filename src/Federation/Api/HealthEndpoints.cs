using Federation.Api.Access;
using Federation.Grains;

namespace Federation.Api;

public static class HealthEndpoints
{
    public static void MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => Results.Text("ok")).AllowAnonymous();

        // Ready when the silo answers grain calls.
        app.MapGet("/readyz", async (IGrainFactory grains) =>
        {
            try
            {
                await grains.GetGrain<IHostClusterGrain>(HostClusterGrain.Key).ListMembersAsync().WaitAsync(TimeSpan.FromSeconds(5));
                return Results.Text("ok");
            }
            catch (Exception e)
            {
                return Results.Problem(e.Message, statusCode: StatusCodes.Status503ServiceUnavailable, title: "not ready");
            }
        }).AllowAnonymous();
    }
}
