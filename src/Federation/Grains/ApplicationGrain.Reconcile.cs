using Federation.Members.Client;
using Federation.Migration;
using Federation.Planning;

namespace Federation.Grains;

// The reconcile: one idempotent pass that reads the current state and decides in a fixed order —
// place, avoid, plan a step, write, account for the migration, report.
public sealed partial class ApplicationGrain
{
    private async Task ReconcileAsync(string reason)
    {
        var spec = state.State.Spec;
        if (spec is null)
        {
            return;
        }

        if (state.State.Deleting)
        {
            await DeleteEverywhereAsync();
            return;
        }

        var now = time.GetUtcNow();
        _reconcileStartedAt = now;
        ExpireAvoid(now);

        // 1. Place against the fleet (the host reserves capacity as it places).
        var answer = await Host.PlaceAsync(Ask(spec));
        if (!answer.FleetKnown)
        {
            return;
        }

        ForgetUnjoined(answer);
        if (UpdateAvoid(answer, now))
        {
            answer = await Host.PlaceAsync(Ask(spec));
        }

        TakePlacement(answer);

        // 2. Plan one step of the rollout towards the placement.
        var members = state.State.Target.Keys.Union(state.State.Applied.Keys).Order(StringComparer.Ordinal).ToList();
        var progress = members.Select(m => new MemberProgress(
            m,
            state.State.Target.GetValueOrDefault(m),
            state.State.Applied.GetValueOrDefault(m),
            state.State.Observed.GetValueOrDefault(m)?.Ready ?? 0,
            IsReachable(answer, m))).ToList();
        var decision = RolloutPlanner.Next(new StepInput(spec.Replicas, spec.MaxUnavailable, spec.StepSize, progress));

        // 3. Write: the step, and every reachable member whose Deployment drifted from what was applied.
        var writes = new Dictionary<string, int>(decision.Writes, StringComparer.Ordinal);
        foreach (var p in progress.Where(p => p.Reachable && p.Applied > 0 && !writes.ContainsKey(p.Name) && Drifted(p.Name, spec)))
        {
            writes[p.Name] = p.Applied;
        }

        var moved = await WriteAsync(writes, reason);

        // 4. Account for the migration, then tell the host and the metrics where things are.
        TrackMigration(answer, decision, moved, now);
        Report(answer);
        if (_dirty)
        {
            await state.WriteStateAsync();
            _dirty = false;
        }
    }

    private FleetApplication Ask(ApplicationSpec spec) => new(
        Key,
        spec.Replicas,
        spec.Placement,
        spec.PodRequest,
        spec.FailoverAfter,
        state.State.Target,
        state.State.Avoid.ToDictionary(a => a.Key, a => a.Value.Reason, StringComparer.Ordinal));

    private static bool IsReachable(PlacementAnswer answer, string member) =>
        answer.Members.TryGetValue(member, out var m) && m.Reachable;

    private void TakePlacement(PlacementAnswer answer)
    {
        var target = answer.Placement.Where(kv => kv.Value > 0).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        var changed = target.Count != state.State.Target.Count
            || target.Any(kv => state.State.Target.GetValueOrDefault(kv.Key) != kv.Value);
        if (changed)
        {
            var before = Describe(state.State.Target);
            state.State.Target = target;
            Record("Placed", null, null, target.Values.Sum(), $"placement {before} → {Describe(target)}");
        }

        if (answer.Shortfall != state.State.Shortfall)
        {
            Record(
                answer.Shortfall > 0 ? "Shortfall" : "ShortfallCleared",
                null,
                null,
                answer.Shortfall,
                answer.Shortfall > 0 ? $"{answer.Shortfall} replica(s) fit nowhere; holding what runs" : "every replica is placed");
            state.State.Shortfall = answer.Shortfall;
        }

        state.State.Excluded = new Dictionary<string, string>(answer.Excluded, StringComparer.Ordinal);
    }

    private bool Drifted(string member, ApplicationSpec spec)
    {
        if (state.State.AppliedTemplate.GetValueOrDefault(member) != spec.TemplateHash)
        {
            return true;
        }

        var observed = state.State.Observed.GetValueOrDefault(member);
        return observed is null || observed.Desired != state.State.Applied.GetValueOrDefault(member);
    }

    /// <summary>Applies the writes, each through the member's rate limiter; returns replicas taken off members.</summary>
    private async Task<int> WriteAsync(IReadOnlyDictionary<string, int> writes, string reason)
    {
        var spec = state.State.Spec!;
        var lowered = 0;
        // Lowering first: a step that lowers a source and raises a target must never show the
        // members more than replicas + step, even between its two writes.
        var ordered = writes
            .OrderBy(w => w.Value < state.State.Applied.GetValueOrDefault(w.Key) ? 0 : 1)
            .ThenBy(w => w.Key, StringComparer.Ordinal);
        foreach (var (member, replicas) in ordered)
        {
            var before = state.State.Applied.GetValueOrDefault(member);
            try
            {
                var client = await clients.GetAsync(member);
                if (client is null)
                {
                    continue;
                }

                using var lease = await clients.AcquireWriteAsync(member);
                if (replicas == 0 && state.State.Target.GetValueOrDefault(member) == 0)
                {
                    await client.DeleteDeploymentAsync(Namespace, Name);
                    state.State.Applied.Remove(member);
                    state.State.AppliedTemplate.Remove(member);
                    state.State.Observed.Remove(member);
                }
                else
                {
                    if (_namespaceEnsured.Add(member))
                    {
                        await client.EnsureNamespaceAsync(Namespace);
                    }

                    var status = await client.ApplyDeploymentAsync(new DeploymentApply(Namespace, Name, Key, replicas, spec.TemplateJson));
                    state.State.Applied[member] = replicas;
                    state.State.AppliedTemplate[member] = spec.TemplateHash;
                    state.State.Observed[member] = MemberWatch.ToObserved(status, time.GetUtcNow());
                }

                _dirty = true;
                if (replicas > before)
                {
                    Record("ScaledUp", null, member, replicas - before, $"{member}: {before} → {replicas} ({reason})");
                }
                else if (replicas < before)
                {
                    lowered += before - replicas;
                    Record("ScaledDown", member, null, before - replicas, $"{member}: {before} → {replicas} ({reason})");
                }
            }
            catch (MemberClientException e)
            {
                _namespaceEnsured.Remove(member);
                Observability.FederationMetrics.ReconcileFailed(member, e.Kind.ToString().ToLowerInvariant());
                logger.LogInformation("{Application}: writing {Replicas} to {Member} failed ({Kind}): {Message}", Key, replicas, member, e.Kind, e.Message);
            }
        }

        return lowered;
    }

    private async Task DeleteEverywhereAsync()
    {
        foreach (var member in state.State.Applied.Keys.Union(state.State.Observed.Keys).ToList())
        {
            try
            {
                var client = await clients.GetAsync(member);
                if (client is not null)
                {
                    using var lease = await clients.AcquireWriteAsync(member);
                    await client.DeleteDeploymentAsync(Namespace, Name);
                }

                state.State.Applied.Remove(member);
                state.State.Observed.Remove(member);
                Record("Removed", member, null, 0, $"Deployment deleted from {member}");
            }
            catch (MemberClientException e)
            {
                // Unreachable now: the resync timer tries again until the member answers or leaves.
                logger.LogInformation("{Application}: deleting from {Member} failed ({Kind})", Key, member, e.Kind);
            }
        }

        if (state.State.Applied.Count == 0)
        {
            await Host.RemoveApplicationAsync(Key);
            Observability.FederationMetrics.RemoveApplication(Key);
            await state.ClearStateAsync();
            state.State = new ApplicationState();
            _timer?.Dispose();
            _timer = null;
            DeactivateOnIdle();
        }
        else
        {
            await state.WriteStateAsync();
        }
    }

    private static string Describe(IReadOnlyDictionary<string, int> placement) =>
        placement.Count == 0 ? "{}" : "{" + string.Join(", ", placement.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}: {p.Value}")) + "}";
}
