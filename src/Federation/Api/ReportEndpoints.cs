using Federation.Api.Access;
using Federation.Grains;
using Federation.Reports;
using Microsoft.Net.Http.Headers;

namespace Federation.Api;

/// <summary>
/// GET /api/v1/clusters/{name}/reports/latest: the member's latest decommission report (a drain or a
/// retirement, in progress or ended) as JSON, or its chart as SVG with <c>?format=svg</c> or
/// <c>Accept: image/svg+xml</c>. A member unjoined after its retirement keeps its report.
/// </summary>
public static class ReportEndpoints
{
    public const string SvgType = "image/svg+xml";

    public static void MapReportEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/clusters/{name}/reports/latest", async (string name, string? format, HttpRequest request, IGrainFactory grains, TimeProvider time) =>
        {
            var svg = format?.ToLowerInvariant() switch
            {
                null => request.GetTypedHeaders().Accept.Any(a => a.MediaType.Equals(SvgType, StringComparison.OrdinalIgnoreCase)),
                "json" => false,
                "svg" => true,
                _ => (bool?)null,
            };
            if (svg is null)
            {
                var v = new Validation();
                v.Add("format", $"{Validation.Quote(format)} is not json or svg");
                return v.Problem();
            }

            var report = await GrainCalls.RetryAsync(() => DecommissionReportGrain.For(grains, name).GetLatestAsync());
            if (report is null)
            {
                return Results.Problem($"member {Validation.Quote(name)} has no decommission report: it was never drained or retired", statusCode: 404, title: "no report");
            }

            var view = ReportViews.Present(report);
            return svg == true
                ? Results.Text(ReportChart.Render(ReportViews.Chart(view, time.GetUtcNow())), SvgType)
                : Results.Ok(view);
        })
            .WithTags("clusters")
            .Produces<ReportView>()
            .Produces(StatusCodes.Status200OK, contentType: SvgType)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("The member's latest drain or retirement: every application moved (replicas, duration, lowest ready count against its floor), hooks called and their answers, what did not fit; ?format=svg (or Accept: image/svg+xml) for the chart of ready replicas against the floor")
            .RequireRole(Role.Viewer);
}
