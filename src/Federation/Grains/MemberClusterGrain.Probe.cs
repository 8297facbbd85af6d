using Federation.Capacity;
using Federation.Members.Client;
using Federation.Membership;
using Federation.Scheduling;

namespace Federation.Grains;

// Health probing and the state machine it drives: thresholds with hysteresis, flap hold-down,
// the end of a maintenance window.
public sealed partial class MemberClusterGrain
{
    private async Task ProbeTickAsync()
    {
        // Once the host stops, a probe's report would address a host grain that may have gone already.
        if (!state.State.Joined || lifetime.ApplicationStopping.IsCancellationRequested)
        {
            return;
        }

        var before = (state.State.State, state.State.UnreachableSince is null, Held: IsHeldDown());
        await ProbeOnceAsync(initial: false);
        if (lifetime.ApplicationStopping.IsCancellationRequested)
        {
            // The host began to stop while the probe waited (a member that hangs holds it for its timeout).
            return;
        }

        EndMaintenanceIfDue();
        var after = (state.State.State, state.State.UnreachableSince is null, Held: IsHeldDown());
        if (before != after)
        {
            await state.WriteStateAsync();
        }

        // Applications are told when eligibility changed, or when capacity changed (an application
        // with a shortfall may fit now); everything else only refreshes the host's snapshot.
        var capacityChanged = _capacityChanged;
        _capacityChanged = false;
        await PublishAsync(notifyApplications: before != after || capacityChanged);
        await CheckDrainedAsync();
    }

    private async Task ProbeOnceAsync(bool initial)
    {
        var client = clients.Register(Name, state.State.Registration!);
        var probe = await client.ProbeAsync();
        _latencyMs = probe.Latency.TotalMilliseconds;
        Observability.FederationMetrics.ObserveProbe(Name, probe.Latency, probe.Healthy);
        var now = time.GetUtcNow();
        if (probe.Healthy)
        {
            _successes++;
            _failures = 0;
            _lastError = null;
            if (_capacity is null || _successes == 1)
            {
                // A member seen for the first time, or back, is read at once: its figures go out with this probe.
                await RefreshCapacityAsync(client, now);
            }
            else if (CapacityReads.Due(_capacity.ObservedAt, now, _freshCapacityWanted, options.Value.CapacityInterval, options.Value.CapacityIdleInterval)
                && _capacityRead is not { IsCompleted: false })
            {
                // Later reads list every pod of the member, which takes seconds on a big one: they run beside
                // the probes (this grain's turns go on while the read waits), which must stay quick to notice an outage;
                // and they are seldom while the host wants no fresh figures (no promises here, nobody waiting for room).
                _capacityRead = RefreshCapacityAsync(client, now);
            }
        }
        else
        {
            _failures++;
            _successes = 0;
            _lastError = probe.Error;
        }

        var settings = new LifecycleSettings(options.Value.FailureThreshold, options.Value.SuccessThreshold, options.Value.FlapCount, options.Value.FlapWindow, options.Value.HoldDown);
        Apply(MemberLifecycle.AfterProbe(Health, new ProbeStreak(probe.Healthy, _failures, _successes, _lastError, initial), settings, now));
    }

    private async Task RefreshCapacityAsync(IMemberClient client, DateTimeOffset now)
    {
        try
        {
            var capacity = await client.GetCapacityAsync();
            var ready = capacity.ReadyNodes.ToList();
            var nodes = ready.Select(n => new NodeFree(n.FreeMilliCpu, n.FreeMemoryBytes, n.FreePods)).ToList();
            _capacityChanged |= !SameCapacity(_nodes, nodes);
            _nodes = nodes;
            _capacity = new CapacityView(
                ready.Sum(n => n.AllocatableMilliCpu),
                ready.Sum(n => n.AllocatableMemoryBytes),
                capacity.FreeMilliCpu,
                capacity.FreeMemoryBytes,
                ready.Count,
                capacity.Nodes.Count,
                now);
        }
        catch (MemberClientException e)
        {
            // Capacity is best effort: keep the last figures, the probe decides health.
            _lastError = e.Message;
        }
        catch (ObjectDisposedException)
        {
            // The member left (its client was disposed) while a read ran beside the probes.
        }
    }

    private void EndMaintenanceIfDue() => Apply(MemberLifecycle.EndMaintenanceIfDue(Health, time.GetUtcNow()));

    private bool IsHeldDown() => MemberLifecycle.IsHeldDown(Health, time.GetUtcNow());

    private MemberHealth Health => new(
        state.State.State,
        state.State.StateSince,
        state.State.UnreachableSince,
        state.State.HeldDownUntil,
        state.State.NotReadyTransitions,
        state.State.MaintenanceUntil,
        state.State.StateBeforeMaintenance);

    private void Apply(LifecycleStep step)
    {
        var h = step.Health;
        state.State = state.State with
        {
            State = h.State,
            StateSince = h.StateSince,
            UnreachableSince = h.UnreachableSince,
            HeldDownUntil = h.HeldDownUntil,
            NotReadyTransitions = h.NotReadyTransitions,
            MaintenanceUntil = h.MaintenanceUntil,
            StateBeforeMaintenance = h.StateBeforeMaintenance,
        };
        if (step.Event is not null)
        {
            Record(step.Event, step.Message!);
        }
    }

    private static bool SameCapacity(IReadOnlyList<NodeFree> a, IReadOnlyList<NodeFree> b) => a.SequenceEqual(b);
}
