using Federation.Capacity;
using Federation.Members.Client;
using Federation.Scheduling;

namespace Federation.Grains;

// Health probing and the state machine it drives: thresholds with hysteresis, flap hold-down,
// the end of a maintenance window.
public sealed partial class MemberClusterGrain
{
    private async Task ProbeTickAsync()
    {
        if (!state.State.Joined)
        {
            return;
        }

        var before = (state.State.State, state.State.UnreachableSince is null, Held: IsHeldDown());
        var capacityBefore = _nodes;
        await ProbeOnceAsync(initial: false);
        EndMaintenanceIfDue();
        var after = (state.State.State, state.State.UnreachableSince is null, Held: IsHeldDown());
        if (before != after)
        {
            await state.WriteStateAsync();
        }

        // Applications are told when eligibility changed, or when capacity changed (an application
        // with a shortfall may fit now); everything else only refreshes the host's snapshot.
        await PublishAsync(notifyApplications: before != after || !SameCapacity(capacityBefore, _nodes));
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
            await RefreshCapacityAsync(client, now);
        }
        else
        {
            _failures++;
            _successes = 0;
            _lastError = probe.Error;
        }

        if (initial)
        {
            // A member joins in the state its first probe shows, without waiting for thresholds.
            state.State = probe.Healthy
                ? state.State with { State = MemberState.Ready, UnreachableSince = null }
                : state.State with { State = MemberState.NotReady, UnreachableSince = now };
            return;
        }

        if (_failures >= options.Value.FailureThreshold && state.State.UnreachableSince is null)
        {
            GoUnreachable(now);
        }
        else if (_successes >= options.Value.SuccessThreshold && state.State.UnreachableSince is not null)
        {
            ComeBack(now);
        }
    }

    private async Task RefreshCapacityAsync(IMemberClient client, DateTimeOffset now)
    {
        try
        {
            var capacity = await client.GetCapacityAsync();
            var ready = capacity.ReadyNodes.ToList();
            _nodes = ready.Select(n => new NodeFree(n.FreeMilliCpu, n.FreeMemoryBytes)).ToList();
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
    }

    private void GoUnreachable(DateTimeOffset now)
    {
        var wasReady = state.State.State == MemberState.Ready;
        var transitions = state.State.NotReadyTransitions.Where(t => now - t < options.Value.FlapWindow).Append(now).ToList();
        state.State = state.State with
        {
            UnreachableSince = now,
            State = wasReady ? MemberState.NotReady : state.State.State,
            StateSince = wasReady ? now : state.State.StateSince,
            NotReadyTransitions = transitions,
        };
        Record("NotReady", $"{_failures} failed probes ({_lastError}); state {state.State.State}");
    }

    private void ComeBack(DateTimeOffset now)
    {
        var flapping = state.State.NotReadyTransitions.Count(t => now - t < options.Value.FlapWindow) >= options.Value.FlapCount;
        var wasNotReady = state.State.State == MemberState.NotReady;
        state.State = state.State with
        {
            UnreachableSince = null,
            State = wasNotReady ? MemberState.Ready : state.State.State,
            StateSince = wasNotReady ? now : state.State.StateSince,
            HeldDownUntil = flapping ? now + options.Value.HoldDown : state.State.HeldDownUntil,
        };
        Record(
            flapping ? "HeldDown" : "Recovered",
            flapping
                ? $"reachable again but flapping ({options.Value.FlapCount} outages within {options.Value.FlapWindow}); no new replicas until {state.State.HeldDownUntil:O}"
                : $"{_successes} good probes; state {state.State.State}");
    }

    private void EndMaintenanceIfDue()
    {
        if (state.State.State == MemberState.Maintenance && state.State.MaintenanceUntil is { } until && time.GetUtcNow() >= until)
        {
            var back = state.State.StateBeforeMaintenance;
            var now = time.GetUtcNow();
            state.State = state.State with
            {
                State = back == MemberState.Ready && state.State.UnreachableSince is not null ? MemberState.NotReady : back,
                StateSince = now,
                MaintenanceUntil = null,
            };
            Record("MaintenanceEnded", $"maintenance window ended; state {state.State.State}");
        }
    }

    private bool IsHeldDown() => state.State.HeldDownUntil is { } until && until > time.GetUtcNow();

    private static bool SameCapacity(IReadOnlyList<NodeFree> a, IReadOnlyList<NodeFree> b) => a.SequenceEqual(b);
}
