using Federation.Api.Access;
using Federation.Capacity;
using Federation.Grains;
using Federation.Members;
using Federation.Planning;
using Federation.Scheduling;
using Federation.Membership;

namespace Federation.Api;

/// <summary>POST /api/v1/plans: what-if evaluation of member and application changes; changes nothing.</summary>
public static class PlanEndpoints
{
    public static void MapPlanEndpoints(this IEndpointRouteBuilder app) =>
        app.MapPost("/api/v1/plans", async (HttpRequest request, IGrainFactory grains, TimeProvider time) =>
        {
            var (body, problem) = await JsonBody.ReadAsync<PlanRequest>(request, optional: true);
            if (problem is not null)
            {
                return problem;
            }

            var fleet = await GrainCalls.RetryAsync(() => grains.GetGrain<IHostClusterGrain>(HostClusterGrain.Key).GetSnapshotAsync());
            var v = new Validation();
            var members = ApplyMemberChanges(body ?? new PlanRequest(null, null, null, null, null), fleet, v);
            var apps = ApplyScale(body?.Scale, fleet, v);
            if (!v.Ok)
            {
                return v.Problem("The plan is invalid.");
            }

            var plan = FleetPlanner.Evaluate(members, apps, time.GetUtcNow());
            var shortfalls = plan.Applications.Where(a => a.Shortfall > 0)
                .Select(a => $"{a.Key}: {a.Shortfall} of {a.Replicas} replica(s) fit nowhere").ToList();
            return Results.Ok(new PlanResult(
                [.. plan.Applications.Select(a => new PlanApplicationView(a.Key, a.Replicas, a.Before, a.After, a.Moved, a.Shortfall))],
                [.. plan.Members.Select(m => new PlanMemberView(m.Name, m.State.ToString(), m.ReplicasBefore, m.ReplicasAfter, m.CpuUtilisation, m.MemoryUtilisation))],
                plan.Applications.Sum(a => a.Shortfall),
                shortfalls));
        }).WithTags("plans").RequireRole(Role.Viewer);

    private static List<FleetMember> ApplyMemberChanges(PlanRequest body, FleetSnapshot fleet, Validation v)
    {
        var members = fleet.Members.Select(m => m.Member).ToList();
        var known = members.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
        void SetState(List<string>? names, MemberAction action)
        {
            var (field, state) = (action.Name, action.Target);
            for (var i = 0; i < (names?.Count ?? 0); i++)
            {
                var name = names![i];
                var at = members.FindIndex(m => m.Name == name);
                if (at < 0)
                {
                    v.Add($"{field}[{i}]", $"{Validation.Quote(name)} is not a joined member");
                }
                else
                {
                    members[at] = members[at] with { State = state };
                }
            }
        }

        SetState(body.Retire, MemberActions.Retire);
        SetState(body.Drain, MemberActions.Drain);
        SetState(body.Cordon, MemberActions.Cordon);

        for (var i = 0; i < (body.Add?.Count ?? 0); i++)
        {
            var add = body.Add![i];
            var field = $"add[{i}]";
            if (add is null)
            {
                v.Add(field, "must be an object with name, nodes, cpu and memory");
                continue;
            }

            var ok = v.Name($"{field}.name", add.Name);
            if (ok && known.Contains(add.Name!))
            {
                v.Add($"{field}.name", $"{Validation.Quote(add.Name)} is already a member");
                ok = false;
            }

            if (add.Nodes is not (>= 1 and <= 10_000))
            {
                v.Add($"{field}.nodes", $"{add.Nodes} must be between 1 and 10000");
                ok = false;
            }

            if (!ResourceQuantities.TryParseMilliCpu(add.Cpu, out var cpu) || cpu <= 0)
            {
                v.Add($"{field}.cpu", $"{Validation.Quote(add.Cpu)} is not a CPU quantity per node (e.g. 8 or 500m)");
                ok = false;
            }

            if (!ResourceQuantities.TryParseBytes(add.Memory, out var memory) || memory <= 0)
            {
                v.Add($"{field}.memory", $"{Validation.Quote(add.Memory)} is not a memory quantity per node (e.g. 32Gi)");
                ok = false;
            }

            if (ok)
            {
                var nodes = Enumerable.Range(0, add.Nodes!.Value).Select(_ => new NodeFree(cpu, memory)).ToList();
                members.Add(new FleetMember(add.Name!, add.Labels ?? [], MemberState.Ready, null, null, nodes, true, cpu * nodes.Count, memory * nodes.Count));
                known.Add(add.Name!);
            }
        }

        return members;
    }

    private static List<FleetApplication> ApplyScale(List<PlanScaleRequest>? scale, FleetSnapshot fleet, Validation v)
    {
        var apps = fleet.Applications.ToList();
        for (var i = 0; i < (scale?.Count ?? 0); i++)
        {
            var s = scale![i];
            if (s is null)
            {
                v.Add($"scale[{i}]", "must be an object with application and replicas");
                continue;
            }

            var at = apps.FindIndex(a => a.Key == s.Application);
            if (at < 0)
            {
                v.Add($"scale[{i}].application", $"{Validation.Quote(s.Application)} is not an application (namespace/name)");
            }
            else if (s.Replicas is not (>= 0 and <= ApplicationSpecBuilder.MaxReplicas))
            {
                v.Add($"scale[{i}].replicas", $"{s.Replicas} is out of range 0..{ApplicationSpecBuilder.MaxReplicas}");
            }
            else
            {
                apps[at] = apps[at] with { Replicas = s.Replicas.Value };
            }
        }

        return apps;
    }
}
