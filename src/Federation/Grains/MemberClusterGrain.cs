using Federation.Capacity;
using Federation.Planning;
using Federation.Scheduling;
using Microsoft.Extensions.Options;

namespace Federation.Grains;

/// <summary>
/// One member cluster. Holds its registration and administrative state; while joined it probes
/// the member on a timer and runs the member's single watch, so both move with the grain when
/// its silo dies.
/// </summary>
public sealed partial class MemberClusterGrain(
    [PersistentState("member", "state")] IPersistentState<MemberClusterState> state,
    MemberClientPool clients,
    HookCaller hookCaller,
    IOptions<FederationOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<MemberClusterGrain> logger) : Grain, IMemberClusterGrain
{
    private MemberWatch? _watch;
    private IGrainTimer? _probeTimer;
    private int _failures;
    private int _successes;
    private double? _latencyMs;
    private string? _lastError;
    private CapacityView? _capacity;
    private IReadOnlyList<NodeFree> _nodes = [];
    private Task? _capacityRead;
    private bool _capacityChanged;

    /// <summary>An unjoin has begun: the interleaved reads see the member gone (see <see cref="GetAsync"/>).</summary>
    private bool _leaving;

    /// <summary>The host's last word on whether this member's figures are wanted fresh; until it has spoken, they are.</summary>
    private bool _freshCapacityWanted = true;

    private string Name => this.GetPrimaryKeyString();

    private IHostClusterGrain Host => GrainFactory.GetGrain<IHostClusterGrain>(HostClusterGrain.Key);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Joined)
        {
            Start();
            await PublishAsync(notifyApplications: false);
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        Stop();
        return Task.CompletedTask;
    }

    public async Task<ClusterView> JoinAsync(MemberRegistration registration, IReadOnlyDictionary<string, string> labels, OrphanAction orphans)
    {
        // The client first: a registration it cannot use (ArgumentException) must leave no trace of the member.
        clients.Register(Name, registration);
        var now = time.GetUtcNow();
        var rejoin = state.State.Joined;
        state.State = state.State with
        {
            Joined = true,
            Registration = registration,
            Labels = new Dictionary<string, string>(labels, StringComparer.Ordinal),
            StateSince = rejoin ? state.State.StateSince : now,
            JoinedAt = rejoin ? state.State.JoinedAt : now,
        };
        Stop();

        // One probe now, so the member starts in the state it is really in.
        await ProbeOnceAsync(initial: !rejoin);
        await state.WriteStateAsync();
        var found = rejoin ? [] : await FindOrphansAsync(clients.Register(Name, registration), orphans);
        await Host.AddMemberAsync(Name);
        await PublishAsync(notifyApplications: true);
        Start();
        Record(rejoin ? "Updated" : "Joined", $"member {(rejoin ? "updated" : "joined")} ({state.State.State})");
        return View() with { Orphans = await AdoptOrphansAsync(found, orphans) };
    }

    // Both are read interleaved with the grain's other turns: a member being unjoined is gone to them
    // from the unjoin's first step, so no application writes to it and no API call acts on it meanwhile.
    public Task<ClusterView?> GetAsync() => Task.FromResult(state.State.Joined && !_leaving ? View() : null);

    public Task<MemberRegistration?> GetRegistrationAsync() =>
        Task.FromResult(state.State.Joined && !_leaving ? state.State.Registration : null);

    public Task WakeAsync() => Task.CompletedTask;

    public async Task<ClusterView> SetStateAsync(MemberState target, DateTimeOffset? maintenanceUntil, string reason)
    {
        var now = time.GetUtcNow();
        var current = state.State.State;
        if (current == target && target != MemberState.Maintenance)
        {
            return View();
        }

        await TrackDrainAsync(current, target, now);
        if (HookBefore(current, target) is { } before)
        {
            await NotifyAsync(before, reason);
        }

        state.State = target == MemberState.Maintenance
            ? state.State with
            {
                State = target,
                StateSince = now,
                MaintenanceUntil = maintenanceUntil,
                StateBeforeMaintenance = current == MemberState.Maintenance ? state.State.StateBeforeMaintenance : current,
            }
            : state.State with { State = target, StateSince = now, MaintenanceUntil = null };
        await state.WriteStateAsync();
        Record(target.ToString(), $"{current} → {target}: {reason}");
        await PublishAsync(notifyApplications: true);

        return View();
    }

    public async Task UnjoinAsync(string reason)
    {
        _leaving = true;
        try
        {
            await EndDrainAsync($"{Name} was unjoined ({reason})");
            Stop();
            clients.Remove(Name);
            await Host.RemoveMemberAsync(Name);
            Record("Unjoined", $"member unjoined ({reason})");
            await state.ClearStateAsync();
            state.State = new MemberClusterState();
            DeactivateOnIdle();
        }
        finally
        {
            // Not joined any more (or, should a step have failed, still joined and visible again); a join may follow.
            _leaving = false;
        }
    }

    private void Start()
    {
        var registration = state.State.Registration!;
        var client = clients.Register(Name, registration);
        _watch ??= MemberWatch.Start(Name, client, GrainFactory, time, logger);
        _probeTimer ??= this.RegisterGrainTimer(
            _ => ProbeTickAsync(),
            new GrainTimerCreationOptions(options.Value.ProbeInterval, options.Value.ProbeInterval) { KeepAlive = true });
    }

    private void Stop()
    {
        _watch?.Dispose();
        _watch = null;
        _probeTimer?.Dispose();
        _probeTimer = null;
    }

    private void Record(string kind, string message) =>
        EventRecorder.Record(GrainFactory, new EventView(time.GetUtcNow(), kind, null, Name, null, null, 0, kind, message));
}
