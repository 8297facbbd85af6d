using System.Runtime.CompilerServices;
using Federation.Api.Access;

namespace Federation.Dashboard;

/// <summary>
/// The live fleet dashboard: a static page (embedded in this assembly) at <c>/</c>, its assets
/// at <c>/dashboard/*</c>, and the Server-Sent Events stream it reads at <c>/api/v1/stream</c>.
/// </summary>
public static class DashboardEndpoints
{
    public const string StreamRoute = "/api/v1/stream";

    // Mapping the same routes twice makes every request to them ambiguous (500). The host maps
    // the dashboard, and a test may map it onto a host built without it; both are safe.
    private static readonly ConditionalWeakTable<IServiceProvider, object> Mapped = [];

    public static IEndpointRouteBuilder MapDashboard(this IEndpointRouteBuilder app)
    {
        if (!Mapped.TryAdd(app.ServiceProvider, new object()))
        {
            return app;
        }

        // The page and its assets carry no fleet data: they load without a token, which the page
        // then sends with every call it makes.
        app.MapGet("/", (HttpContext context) => DashboardAssets.Serve(context, "index.html"))
            .WithTags("dashboard").ExcludeFromDescription().AllowAnonymous();
        app.MapGet("/dashboard/{file}", (string file, HttpContext context) => DashboardAssets.Serve(context, file))
            .WithTags("dashboard").ExcludeFromDescription().AllowAnonymous();
        app.MapGet(StreamRoute, DashboardStream.RunAsync)
            .WithTags("dashboard").ExcludeFromDescription().RequireRole(Role.Viewer).AcceptQueryToken();
        return app;
    }
}
