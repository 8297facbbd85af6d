using System.Text.Json;
using Federation.Api.Access;
using Federation.Grains;

namespace Federation.Api;

/// <summary>/api/v1/applications and /api/v1/namespaces/{ns}/applications/{name}.</summary>
public static class ApplicationEndpoints
{
    public static void MapApplicationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/applications", async (IGrainFactory grains) =>
        {
            var keys = await GrainCalls.RetryAsync(() => grains.GetGrain<IHostClusterGrain>(HostClusterGrain.Key).ListApplicationsAsync());
            var views = await Task.WhenAll(keys.Select(k => GrainCalls.RetryAsync(() => grains.GetGrain<IApplicationGrain>(k).GetAsync())));
            return Results.Ok(views.OfType<ApplicationView>());
        }).WithTags("applications").RequireRole(Role.Viewer);

        var one = app.MapGroup("/api/v1/namespaces/{ns}/applications/{name}").WithTags("applications");

        one.MapGet("/", async (string ns, string name, IGrainFactory grains) =>
            await GrainCalls.RetryAsync(() => grains.GetGrain<IApplicationGrain>($"{ns}/{name}").GetAsync()) is { } view
                ? Results.Ok(view)
                : NotFound(ns, name)).RequireRole(Role.Viewer);

        one.MapPut("/", async (string ns, string name, HttpRequest request, IGrainFactory grains, CompanionSecrets secrets, HookSecrets hookSecrets) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<ApplicationRequest>(request);
            if (problem is not null)
            {
                return problem;
            }

            var v = new Validation();
            var members = ApplicationSpecBuilder.ChecksMembers(body)
                ? await GrainCalls.RetryAsync(() => grains.GetGrain<IHostClusterGrain>(HostClusterGrain.Key).ListMemberLabelsAsync())
                : [];
            var spec = ApplicationSpecBuilder.Build(ns, name, body, members, v);
            if (spec is null)
            {
                return v.Problem();
            }

            // Secret companions and hook secrets are stored protected, like member credentials.
            spec = spec with { Companions = secrets.Protect(spec.Companions), Hooks = hookSecrets.Protect(spec.Hooks) };
            var answer = await GrainCalls.RetryAsync(() => grains.GetGrain<IApplicationGrain>($"{ns}/{name}").PutAsync(spec));
            if (answer.KindRefused is { } refused)
            {
                v.Add("template.kind", refused);
                return v.Problem();
            }

            return Results.Ok(answer.View);
        })
            .Produces<ApplicationView>()
            .AddOpenApiOperationTransformer(async (operation, context, ct) =>
            {
                // The body is read through JsonBody (so that every way it is wrong names the field), not bound by
                // the framework: its shape is declared here, without a content-type filter in front of the reader.
                operation.RequestBody = new Microsoft.OpenApi.OpenApiRequestBody
                {
                    Required = true,
                    Content = new Dictionary<string, Microsoft.OpenApi.OpenApiMediaType>
                    {
                        ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(typeof(ApplicationRequest), null, ct) },
                    },
                };
            })
            .WithSummary("Create or update an application: its workload, companions (Namespace, ConfigMap, Secret, Service, ServiceAccount, PodDisruptionBudget), placement, per-member overrides and rollout")
            .RequireRole(Role.Operator);

        // Manual control of a progressive rollout: pause (no further member starts), resume, promote
        // (skip the current wave's remaining soak), abort (every changed member back to the previous template).
        foreach (var action in new[] { "pause", "resume", "promote", "abort" })
        {
            one.MapPost($"/rollout/{action}", async (string ns, string name, IGrainFactory grains) =>
            {
                var answer = await GrainCalls.RetryAsync(() => grains.GetGrain<IApplicationGrain>($"{ns}/{name}").ControlRolloutAsync(action));
                return answer.Status switch
                {
                    200 => Results.Ok(answer.View),
                    404 => NotFound(ns, name),
                    _ => Results.Problem(answer.Message, statusCode: answer.Status, title: $"cannot {action} the rollout"),
                };
            }).RequireRole(Role.Operator);
        }

        // A StatefulSet's replicas on a failed member wait for this under failover.stateful AfterConfirmation:
        // their volumes stay on that member, so starting them elsewhere is the operator's call.
        one.MapPost("/confirm-failover", async (string ns, string name, IGrainFactory grains) =>
            await GrainCalls.RetryAsync(() => grains.GetGrain<IApplicationGrain>($"{ns}/{name}").ConfirmFailoverAsync()) switch
            {
                null => NotFound(ns, name),
                { Count: 0 } => Results.Problem($"no member of {ns}/{name} awaits a failover confirmation", statusCode: 409, title: "nothing to confirm"),
                var members => Results.Ok(new FailoverConfirmation(members)),
            })
            .Produces<FailoverConfirmation>()
            .WithSummary("Confirm the failover of a StatefulSet's replicas on failed members (failover.stateful AfterConfirmation): they start elsewhere, without their volumes")
            .RequireRole(Role.Operator);

        one.MapGet("/members/{member}/manifests", async (string ns, string name, string member, IGrainFactory grains) =>
            await GrainCalls.RetryAsync(() => grains.GetGrain<IApplicationGrain>($"{ns}/{name}").GetManifestAsync(member)) is { } manifest
                ? Results.Text(manifest, "application/json")
                : NotFound(ns, name))
            .WithSummary("What the member is given, as a List: the companions (Secret values redacted) and the workload with its per-member overrides, identity, replicas and federation labels")
            .RequireRole(Role.Viewer);

        // Calls the application's hooks with a sample payload: runbook authors check their endpoint and secret.
        one.MapPost("/hooks/test", async (string ns, string name, IGrainFactory grains) =>
            await GrainCalls.RetryAsync(() => grains.GetGrain<IApplicationGrain>($"{ns}/{name}").TestHooksAsync()) is { } answers
                ? Results.Ok(answers)
                : NotFound(ns, name)).RequireRole(Role.Operator);

        one.MapDelete("/", async (string ns, string name, IGrainFactory grains) =>
            await GrainCalls.RetryAsync(() => grains.GetGrain<IApplicationGrain>($"{ns}/{name}").DeleteAsync())
                ? Results.Accepted()
                : NotFound(ns, name)).RequireRole(Role.Operator);
    }

    /// <summary>The members whose stateful failover was confirmed.</summary>
    public sealed record FailoverConfirmation(IReadOnlyList<string> Confirmed);

    private static IResult NotFound(string ns, string name) =>
        Results.Problem($"no application {ns}/{name}", statusCode: 404, title: "application not found");
}
