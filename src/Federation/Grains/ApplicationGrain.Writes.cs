using Federation.Members.Client;
using Federation.Workloads;

namespace Federation.Grains;

// Writes to the members: one step of Deployment changes, and deletion everywhere.
public sealed partial class ApplicationGrain
{
    /// <summary>Applies the writes, each through the member's rate limiter; returns replicas taken off members.</summary>
    private async Task<int> WriteAsync(IReadOnlyDictionary<string, int> writes, string reason)
    {
        // Lowering first: a step that lowers a source and raises a target must never show the
        // members more than replicas + step, even between its two writes. Within a phase the
        // members are written at once: they are independent API servers.
        var lowering = writes.Where(w => w.Value < state.State.Applied.GetValueOrDefault(w.Key)).ToList();
        var raising = writes.Where(w => w.Value >= state.State.Applied.GetValueOrDefault(w.Key)).ToList();
        var lowered = (await Task.WhenAll(lowering.Select(w => WriteOneAsync(w.Key, w.Value, reason)))).Sum();
        await Task.WhenAll(raising.Select(w => WriteOneAsync(w.Key, w.Value, reason)));
        _ordinalWrites = new Dictionary<string, Federation.Workloads.Stateful.OrdinalRange>();
        return lowered;
    }

    /// <summary>Sets one member's Deployment; returns the replicas it took off that member.</summary>
    private async Task<int> WriteOneAsync(string member, int replicas, string reason)
    {
        var (_, templateHash) = TemplateFor(member);
        var before = state.State.Applied.GetValueOrDefault(member);
        try
        {
            var client = await clients.GetAsync(member);
            if (client is null)
            {
                return 0;
            }

            using var lease = await clients.AcquireWriteAsync(member);
            if (replicas == 0 && state.State.Target.GetValueOrDefault(member) == 0)
            {
                await client.DeleteDeploymentAsync(Namespace, Name, WorkloadKind);
                await RemoveCompanionsAsync(client, member);
                state.State.Applied.Remove(member);
                state.State.AppliedTemplate.Remove(member);
                state.State.AppliedOverrides.Remove(member);
                state.State.Observed.Remove(member);
                NoteOrdinals(member, 0, 0, deleted: true);
            }
            else
            {
                // The client creates each namespace once and remembers it (until a write finds it gone).
                await client.EnsureNamespaceAsync(Namespace);

                // What the pods need is there before any of them is started.
                await SyncCompanionsAsync(client, member);
                var (template, overridden) = EffectiveOn(state.State.Spec!, member);
                var start = OrdinalsStartFor(member);
                var status = await client.ApplyDeploymentAsync(new DeploymentApply(Namespace, Name, Key, replicas, template, start));
                state.State.Applied[member] = replicas;
                NoteOrdinals(member, start, replicas, deleted: false);
                state.State.AppliedTemplate[member] = templateHash;
                if (overridden is null)
                {
                    state.State.AppliedOverrides.Remove(member);
                }
                else
                {
                    state.State.AppliedOverrides[member] = overridden;
                }
                state.State.Observed[member] = MemberWatch.ToObserved(status, time.GetUtcNow());
            }

            _dirty = true;
            if (replicas > before)
            {
                Record("ScaledUp", null, member, replicas - before, $"{member}: {before} → {replicas} ({reason})");
            }
            else if (replicas < before)
            {
                Record("ScaledDown", member, null, before - replicas, $"{member}: {before} → {replicas} ({reason})");
                return before - replicas;
            }
        }
        catch (MemberClientException e)
        {
            if (e.Kind == MemberErrorKind.NotFound)
            {
                // Its namespace is gone (deleted under us), and the companions with it: they go again with the next write.
                _dirty |= state.State.AppliedCompanions.Remove(member);
            }

            Observability.FederationMetrics.ReconcileFailed(member, e.Kind.ToString().ToLowerInvariant());
            logger.LogInformation("{Application}: writing {Replicas} to {Member} failed ({Kind}): {Message}", Key, replicas, member, e.Kind, e.Message);
        }

        return 0;
    }

    /// <summary>The spec's workload template, parsed once per activation and spec.</summary>
    private WorkloadTemplate TemplateOf(string json)
    {
        if (_template is not { } cached || !string.Equals(cached.Source, json, StringComparison.Ordinal))
        {
            _template = cached = (json, WorkloadTemplate.Parse(json));
        }

        return cached.Template;
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
                    await client.DeleteDeploymentAsync(Namespace, Name, WorkloadKind);
                    await RemoveCompanionsAsync(client, member);
                }

                state.State.Applied.Remove(member);
                state.State.Observed.Remove(member);
                state.State.Ordinals.Remove(member);
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
            _registered = false;
            await ApplicationRegistryGrain.For(GrainFactory, Key).RemoveAsync(Key);
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
}
