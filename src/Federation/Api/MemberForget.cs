using Federation.Grains;
using Federation.Membership;

namespace Federation.Api;

/// <summary>
/// <c>DELETE /api/v1/clusters/{name}?force=true[&amp;acceptShortfall=true]</c>: forgets a member that
/// still holds replicas, once a plan without it says every application keeps its floor (or the
/// shortfall is accepted). Its applications place the replicas elsewhere at once and abandon
/// what ran there; nothing writes to the member again unless it joins anew.
/// </summary>
public static class MemberForget
{
    public static async Task<IResult> ForceAsync(IGrainFactory grains, string name, IReadOnlyList<ClusterWorkloadView> held, bool acceptShortfall, DateTimeOffset now)
    {
        // 1. Load: the fleet as plans see it, and each affected application's floor.
        var fleet = await GrainCalls.RetryAsync(() => grains.GetGrain<IHostClusterGrain>(HostClusterGrain.Key).GetSnapshotAsync());
        var floors = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var w in held)
        {
            if (await GrainCalls.RetryAsync(() => grains.GetGrain<IApplicationGrain>(w.Application).GetAsync()) is { } app)
            {
                floors[w.Application] = app.Floor;
            }
        }

        // 2. Decide.
        var verdict = ForgetPlan.Decide(new ForgetInput(
            name,
            [.. fleet.Members.Select(m => m.Member)],
            fleet.Applications,
            held.ToDictionary(w => w.Application, w => w.Remaining, StringComparer.Ordinal),
            floors,
            acceptShortfall,
            now));
        if (!verdict.Allowed)
        {
            return Results.Problem(verdict.Refusal, statusCode: 409, title: "would go below the floor");
        }

        // 3. Act: the member leaves; the host pokes every application, and each forgets it.
        var abandoned = string.Join(", ", verdict.Applications.Select(a => $"{a.Application}: {a.Abandoned} replica(s)"));
        await GrainCalls.RetryAsync(() => grains.GetGrain<IMemberClusterGrain>(name).UnjoinAsync($"forced; abandoned there: {abandoned}"));
        Observability.FederationMetrics.RemoveMember(name);
        return Results.Ok(new ForgetResult(name, verdict.Applications));
    }

    /// <summary>An optional boolean query parameter; anything but true/false is refused naming it.</summary>
    public static bool Flag(HttpRequest request, string name, Validation v)
    {
        var text = request.Query[name].ToString();
        if (text.Length == 0)
        {
            return false;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        v.Add(name, $"{Validation.Quote(text)} is not true or false");
        return false;
    }

    /// <summary>The join request's <c>orphans</c>: keep (default), adopt or clean.</summary>
    public static OrphanAction OrphanAction(string? text, Validation v)
    {
        if (text is null)
        {
            return Grains.OrphanAction.Keep;
        }

        if (Enum.TryParse<OrphanAction>(text, ignoreCase: true, out var action) && Enum.IsDefined(action) && text.TrimStart() is [var first, ..] && !char.IsDigit(first))
        {
            return action;
        }

        v.Add("orphans", $"{Validation.Quote(text)} is not one of keep, adopt, clean");
        return Grains.OrphanAction.Keep;
    }
}
