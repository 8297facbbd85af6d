using Federation.Api.Access;
using Federation.Grains;
using Federation.Scheduling;
using Federation.Membership;

namespace Federation.Api;

/// <summary>/api/v1/clusters: join, list, get, act on and unjoin member clusters.</summary>
public static class ClusterEndpoints
{
    public static void MapClusterEndpoints(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/clusters").WithTags("clusters");

        api.MapGet("/", async (IGrainFactory grains) =>
        {
            var names = await GrainCalls.RetryAsync(() => Host(grains).ListMembersAsync());
            var views = await Task.WhenAll(names.Select(n => GrainCalls.RetryAsync(() => grains.GetGrain<IMemberClusterGrain>(n).GetAsync())));
            return Results.Ok(views.OfType<ClusterView>());
        }).RequireRole(Role.Viewer);

        api.MapGet("/{name}", async (string name, IGrainFactory grains) =>
            await Detail(grains, name) is { } view ? Results.Ok(view) : NotFound(name)).RequireRole(Role.Viewer);

        api.MapJoin();

        api.MapDelete("/{name}", async (string name, HttpRequest request, IGrainFactory grains, TimeProvider time) =>
        {
            var v = new Validation();
            var (force, acceptShortfall) = (MemberForget.Flag(request, "force", v), MemberForget.Flag(request, "acceptShortfall", v));
            if (!v.Ok)
            {
                return v.Problem();
            }

            var detail = await Detail(grains, name);
            if (detail is null)
            {
                return NotFound(name);
            }

            // Replicas lost with an unreachable member (and running elsewhere) do not hold it.
            if (detail.Workloads?.Where(w => w.Holds).ToList() is { Count: > 0 } held)
            {
                if (force)
                {
                    return await MemberForget.ForceAsync(grains, name, held, acceptShortfall, time.GetUtcNow());
                }

                var apps = string.Join(", ", held.Select(w => $"{w.Application} ({Math.Max(w.Remaining, w.Target)})"));
                return Results.Problem(
                    $"member {Validation.Quote(name)} still holds replicas of {apps}; drain or retire it first, or unjoin it with force=true to forget it (its replicas are placed elsewhere and abandoned where they are)",
                    statusCode: 409,
                    title: "member not empty");
            }

            await GrainCalls.RetryAsync(() => grains.GetGrain<IMemberClusterGrain>(name).UnjoinAsync("requested through the API"));
            Observability.FederationMetrics.RemoveMember(name);
            return Results.NoContent();
        }).RequireRole(Role.Admin);

        foreach (var action in MemberActions.All)
        {
            api.MapPost($"/{{name}}/{action.Name}", (string name, HttpRequest request, IGrainFactory grains, TimeProvider time) =>
                ActAsync(name, action, request, grains, time)).RequireRole(action.AdminOnly ? Role.Admin : Role.Operator);
        }
    }

    private static async Task<IResult> ActAsync(string name, MemberAction action, HttpRequest request, IGrainFactory grains, TimeProvider time)
    {
        var member = grains.GetGrain<IMemberClusterGrain>(name);
        if (await GrainCalls.RetryAsync(member.GetAsync) is null)
        {
            return NotFound(name);
        }

        DateTimeOffset? until = null;
        if (action == MemberActions.Maintain)
        {
            var (window, problem) = await MaintenanceWindow(request, time);
            if (problem is not null)
            {
                return problem;
            }

            until = window;
        }

        await GrainCalls.RetryAsync(() => member.SetStateAsync(action.Target, until, $"{action.Name} requested through the API"));
        return Results.Ok(await Detail(grains, name));
    }

    /// <summary>The member with the applications it holds (drain progress).</summary>
    public static async Task<ClusterView?> Detail(IGrainFactory grains, string name)
    {
        var view = await GrainCalls.RetryAsync(() => grains.GetGrain<IMemberClusterGrain>(name).GetAsync());
        if (view is null)
        {
            return null;
        }

        var workloads = await GrainCalls.RetryAsync(() => Host(grains).GetWorkloadsAsync(name));
        return view with { Workloads = workloads };
    }

    private static async Task<(DateTimeOffset? Until, IResult? Problem)> MaintenanceWindow(HttpRequest request, TimeProvider time)
    {
        var v = new Validation();
        var (body, problem) = await JsonBody.ReadAsync<MaintainRequest>(request, optional: true);
        if (problem is not null)
        {
            return (null, problem);
        }

        var now = time.GetUtcNow();
        if (body?.Until is { } until)
        {
            v.Future("until", until, now);
            return (until, v.Ok ? null : v.Problem());
        }

        if (body?.For is null)
        {
            v.Add("until", "give until (a time) or for (a duration such as 2h)");
            return (null, v.Problem());
        }

        return v.RequiredDuration("for", body.For) is { } d ? (now + d, null) : (null, v.Problem());
    }

    private static IHostClusterGrain Host(IGrainFactory grains) => grains.GetGrain<IHostClusterGrain>(HostClusterGrain.Key);

    private static IResult NotFound(string name) =>
        Results.Problem($"no member named {Validation.Quote(name)}", statusCode: 404, title: "member not found");
}
