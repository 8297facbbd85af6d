using Federation.Api.Access;
using Federation.Grains;
using Federation.Hosting;
using Federation.Members.Client;

namespace Federation.Api;

/// <summary>POST /api/v1/clusters: join a member. Nothing is recorded unless a client for it can be made.</summary>
public static class JoinEndpoint
{
    public static RouteHandlerBuilder MapJoin(this IEndpointRouteBuilder clusters) =>
        clusters.MapPost("/", async (HttpRequest request, IGrainFactory grains, MemberCredentials credentials) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<JoinRequest>(request);
            if (problem is not null)
            {
                return problem;
            }

            var v = new Validation();
            var server = Validate(body!, v);
            var orphans = MemberForget.OrphanAction(body!.Orphans, v);
            if (!v.Ok)
            {
                return v.Problem();
            }

            var member = grains.GetGrain<IMemberClusterGrain>(body!.Name!);
            if (await GrainCalls.RetryAsync(member.GetAsync) is not null)
            {
                return Results.Problem($"member {Validation.Quote(body.Name)} is already joined; unjoin it first", statusCode: 409, title: "already joined");
            }

            try
            {
                // Stored protected; the server URL (the kubeconfig's, when joined by one) stays readable for views.
                var registration = credentials.Protect(new MemberRegistration(server, body.Kubeconfig, body.Token));
                var view = await member.JoinAsync(registration, body.Labels ?? [], orphans);
                return Results.Created($"/api/v1/clusters/{body.Name}", view);
            }
            catch (ArgumentException e)
            {
                // Checked above already; a member client that still refuses the connection is the caller's input too.
                v.Add(ConnectionField(body), Reason(e));
                return v.Problem();
            }
        }).RequireRole(Role.Admin);

    /// <summary>The server URL the member client will use; null with an error added when the request is not usable.</summary>
    private static string? Validate(JoinRequest body, Validation v)
    {
        string? server = null;
        v.Name("name", body.Name);
        if (string.IsNullOrWhiteSpace(body.Server) == string.IsNullOrWhiteSpace(body.Kubeconfig))
        {
            v.Add("server", "give exactly one of server (with an optional token) or kubeconfig");
        }
        else
        {
            try
            {
                // A fixed name: the member client names it in its messages, and the caller's may be long or invalid.
                server = MemberClientFactory.Check(new MemberConnection("new-member", body.Kubeconfig, body.Server, body.Token));
            }
            catch (ArgumentException e)
            {
                v.Add(ConnectionField(body), Reason(e));
            }
        }

        foreach (var (key, value) in body.Labels ?? [])
        {
            if (string.IsNullOrWhiteSpace(key) || key.Length > 63 || value is null || value.Length > 63)
            {
                v.Add($"labels.{Validation.Truncate(key, Validation.EchoLength)}", "label keys and values must be 1-63 characters");
            }
        }

        return server;
    }

    private static string ConnectionField(JoinRequest body) => string.IsNullOrWhiteSpace(body.Kubeconfig) ? "server" : "kubeconfig";

    // The member client's messages name the problem, never the kubeconfig's text; drop the parameter name.
    private static string Reason(ArgumentException e)
    {
        var message = e.Message;
        var cut = message.IndexOf(" (Parameter '", StringComparison.Ordinal);
        return Validation.Truncate(cut > 0 ? message[..cut] : message, 300);
    }
}
