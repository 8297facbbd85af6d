using Federation.Api.Access;
using Federation.Grains;
using Federation.Planning;

namespace Federation.Api;

/// <summary>POST /api/v1/plans/survivability: what each loss of a member (or label value) would leave unplaced; changes nothing.</summary>
public static class SurvivabilityEndpoints
{
    public static void MapSurvivabilityEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/plans/survivability", async (SurvivabilityRequest? body, IGrainFactory grains, TimeProvider time) =>
        {
            // 1. The question: survive 1 (default) or 2, grouped by member (default) or a label key.
            var v = new Validation();
            var survive = body?.Survive ?? 1;
            var by = body?.By ?? LossGroups.ByMember;
            if (survive is not (1 or 2))
            {
                v.Add("survive", $"{survive} must be 1 (single losses) or 2 (pairs)");
            }

            if (string.IsNullOrWhiteSpace(by) || by.Length > 317 || by.Any(char.IsWhiteSpace))
            {
                v.Add("by", $"'{by}' is not 'member' or a label key (e.g. region, zone)");
            }

            if (!v.Ok)
            {
                return v.Problem("The survivability plan is invalid.");
            }

            // 2. The fleet now, every loss evaluated with the live scheduling code.
            var fleet = await GrainCalls.RetryAsync(() => grains.GetGrain<IHostClusterGrain>(HostClusterGrain.Key).GetSnapshotAsync());
            var (report, refusal) = Survivability.Evaluate(
                new SurvivabilityQuestion(survive, by), [.. fleet.Members.Select(m => m.Member)], fleet.Applications, time.GetUtcNow());
            if (report is null)
            {
                v.Add("survive", refusal!);
                return v.Problem("The survivability plan is too large.");
            }

            return Results.Ok(new SurvivabilityResult(
                survive,
                by,
                report.Losses.Count,
                report.Unsurvivable,
                report.MilliCpuToAdd,
                report.MemoryBytesToAdd,
                [.. report.Losses.Select(l => new LossView(
                    l.Groups,
                    l.Members,
                    l.Unplaced,
                    l.MilliCpuToAdd,
                    l.MemoryBytesToAdd,
                    l.Nodes is { } n ? new NodesView(n.Member, n.Nodes, n.Shape.MilliCpu, n.Shape.MemoryBytes, n.ToString()) : null,
                    [.. l.Applications.Select(a => new LossApplicationView(a.Application, a.Replicas, a.Shortfall))]))]));
        }).WithTags("plans").RequireRole(Role.Viewer);
}
