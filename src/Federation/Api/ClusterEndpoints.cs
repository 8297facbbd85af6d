using Federation.Api.Access;
using Federation.Grains;
using Federation.Scheduling;

namespace Federation.Api;

/// <summary>/api/v1/clusters: join, list, get, act on and unjoin member clusters.</summary>
public static class ClusterEndpoints
{
    /// <summary>Each action, the state it asks for and the role it needs (retiring empties a member for good).</summary>
    private static readonly (string Action, MemberState Target, Role Role)[] Actions =
    [
        ("cordon", MemberState.Cordoned, Role.Operator),
        ("uncordon", MemberState.Ready, Role.Operator),
        ("drain", MemberState.Draining, Role.Operator),
        ("maintain", MemberState.Maintenance, Role.Operator),
        ("retire", MemberState.Retired, Role.Admin),
    ];

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

        api.MapPost("/", async (JoinRequest? body, IGrainFactory grains) =>
        {
            var v = new Validation();
            if (body is null)
            {
                v.Add("body", "a JSON object with name and server or kubeconfig is required");
                return v.Problem();
            }

            v.Name("name", body.Name);
            if (string.IsNullOrWhiteSpace(body.Server) == string.IsNullOrWhiteSpace(body.Kubeconfig))
            {
                v.Add("server", "give exactly one of server (with an optional token) or kubeconfig");
            }
            else if (body.Server is not null && (!Uri.TryCreate(body.Server, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
            {
                v.Add("server", $"'{body.Server}' is not an absolute http(s) URL");
            }
            else if (body.Kubeconfig is not null && MemberWatch.ServerOf(body.Kubeconfig) is null)
            {
                v.Add("kubeconfig", "holds no cluster server");
            }

            foreach (var (key, value) in body.Labels ?? [])
            {
                if (string.IsNullOrWhiteSpace(key) || key.Length > 63 || value is null || value.Length > 63)
                {
                    v.Add($"labels.{key}", "label keys and values must be 1-63 characters");
                }
            }

            var orphans = MemberForget.OrphanAction(body.Orphans, v);
            if (!v.Ok)
            {
                return v.Problem();
            }

            var member = grains.GetGrain<IMemberClusterGrain>(body.Name!);
            if (await GrainCalls.RetryAsync(member.GetAsync) is not null)
            {
                return Results.Problem($"member '{body.Name}' is already joined; unjoin it first", statusCode: 409, title: "already joined");
            }

            var view = await member.JoinAsync(new MemberRegistration(body.Server, body.Kubeconfig, body.Token), body.Labels ?? [], orphans);
            return Results.Created($"/api/v1/clusters/{body.Name}", view);
        }).RequireRole(Role.Admin);

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
                    $"member '{name}' still holds replicas of {apps}; drain or retire it first, or unjoin it with force=true to forget it (its replicas are placed elsewhere and abandoned where they are)",
                    statusCode: 409,
                    title: "member not empty");
            }

            await GrainCalls.RetryAsync(() => grains.GetGrain<IMemberClusterGrain>(name).UnjoinAsync("requested through the API"));
            Observability.FederationMetrics.RemoveMember(name);
            return Results.NoContent();
        }).RequireRole(Role.Admin);

        foreach (var (action, target, role) in Actions)
        {
            api.MapPost($"/{{name}}/{action}", (string name, HttpRequest request, IGrainFactory grains, TimeProvider time) =>
                ActAsync(name, action, target, request, grains, time)).RequireRole(role);
        }
    }

    private static async Task<IResult> ActAsync(string name, string action, MemberState target, HttpRequest request, IGrainFactory grains, TimeProvider time)
    {
        var member = grains.GetGrain<IMemberClusterGrain>(name);
        if (await GrainCalls.RetryAsync(member.GetAsync) is null)
        {
            return NotFound(name);
        }

        DateTimeOffset? until = null;
        if (action == "maintain")
        {
            var (window, problem) = await MaintenanceWindow(request, time);
            if (problem is not null)
            {
                return problem;
            }

            until = window;
        }

        await GrainCalls.RetryAsync(() => member.SetStateAsync(target, until, $"{action} requested through the API"));
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
        MaintainRequest? body = null;
        try
        {
            body = request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0
                ? await request.ReadFromJsonAsync<MaintainRequest>()
                : null;
        }
        catch (System.Text.Json.JsonException e)
        {
            v.Add("body", $"malformed JSON: {e.Message}");
            return (null, v.Problem());
        }

        var now = time.GetUtcNow();
        if (body?.Until is { } until)
        {
            if (until <= now)
            {
                v.Add("until", $"{until:O} is in the past");
            }

            return (until, v.Ok ? null : v.Problem());
        }

        if (body?.For is { } length && v.Duration("for", length, TimeSpan.Zero) is { } d)
        {
            return (now + d, null);
        }

        if (body?.For is null)
        {
            v.Add("until", "give until (a time) or for (a duration such as 2h)");
        }

        return (null, v.Problem());
    }

    private static IHostClusterGrain Host(IGrainFactory grains) => grains.GetGrain<IHostClusterGrain>(HostClusterGrain.Key);

    private static IResult NotFound(string name) =>
        Results.Problem($"no member named '{name}'", statusCode: 404, title: "member not found");
}
