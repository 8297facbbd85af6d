using Federation.Scheduling;
using Federation.Workloads;
using Microsoft.Extensions.Options;

namespace Federation.Grains;

/// <summary>
/// One application (key namespace/name). Keeps its spec and placement, keeps each member's
/// Deployment in step, and moves replicas when the placement changes; the decisions are made
/// by the scheduler (through the host) and the rollout planner, this grain only orchestrates.
/// </summary>
public sealed partial class ApplicationGrain(
    [PersistentState("application", "state")] IPersistentState<ApplicationState> state,
    MemberClientPool clients,
    ReconcileGate gate,
    HookCaller hookCaller,
    IOptions<FederationOptions> options,
    TimeProvider time,
    IHostApplicationLifetime lifetime,
    ILogger<ApplicationGrain> logger) : Grain, IApplicationGrain
{
    private IGrainTimer? _timer;
    private TimeSpan _pace;
    private bool _dirty;
    private HashSet<string> _unreachable = new(StringComparer.Ordinal);
    private DateTimeOffset _reconcileStartedAt = DateTimeOffset.MinValue;
    /// <summary>When the last reconcile other than a resync ended (what makes a resync needless).</summary>
    private DateTimeOffset _reconciledAt = DateTimeOffset.MinValue;
    private List<MemberWorkload>? _reported;

    /// <summary>The last reconcile's placement answer, amended when a member is reported unreachable.</summary>
    private PlacementAnswer? _answer;
    private Guid _reportedTo;
    private IGrainTimer? _failoverTimer;
    private IGrainTimer? _reportTimer;
    private readonly HashSet<string> _reportedBy = new(StringComparer.Ordinal);
    private DateTimeOffset _lastReportAt;
    private DateTimeOffset _failoverCheckAt;
    private (string Source, Federation.Workloads.WorkloadTemplate Template)? _template;

    private const string Resync = "resync";

    /// <summary>This activation has put the application in the registry and told the host of it.</summary>
    private bool _registered;

    private string Key => this.GetPrimaryKeyString();

    private string Namespace => Key[..Key.IndexOf('/', StringComparison.Ordinal)];

    private string Name => Key[(Key.IndexOf('/', StringComparison.Ordinal) + 1)..];

    private IHostClusterGrain Host => GrainFactory.GetGrain<IHostClusterGrain>(HostClusterGrain.Key);

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (state.State.Spec is not null)
        {
            StartTimer();
        }

        return Task.CompletedTask;
    }

    public async Task<PutAnswer> PutAsync(ApplicationSpec spec)
    {
        // Checked here, not by the caller reading the application first: two PUTs cannot both pass it.
        if (state.State.Spec is not null && WorkloadTemplate.KindChange(WorkloadKind, TemplateOf(spec.TemplateJson).Kind) is { } refused)
        {
            return new PutAnswer(null, refused);
        }

        var before = state.State.Spec;
        var first = before is null;
        state.State.Rebalance |= !first && PolicyChanged(before!.Placement, spec.Placement);
        state.State.Spec = spec;
        BeginRollout(before, spec);
        state.State.Generation++;
        state.State.Deleting = false;
        Record(first ? "Created" : "Updated", null, null, spec.Replicas, first ? "application created" : $"spec generation {state.State.Generation}");
        if (!_registered)
        {
            // Once per activation: the application is stored before the registry and the host know of it (a
            // create that stopped between the two is made whole by the next PUT); later PUTs of this activation
            // know the application is registered.
            await state.WriteStateAsync();
            await ApplicationRegistryGrain.For(GrainFactory, Key).AddAsync(Key);
            await Host.AddApplicationAsync(Key);
            _registered = true;
        }

        // An update of a registered application is stored once, with what its reconcile did, before the
        // PUT is answered: a host that stops before that has not acknowledged it, and the next reconcile
        // puts the members back to the stored spec.
        StartTimer();
        await ReconcileAsync("spec changed", gated: false);
        if (_dirty)
        {
            // The reconcile ended early (the fleet not known yet after a restart): the spec is stored all the same.
            await state.WriteStateAsync();
            _dirty = false;
        }

        return new PutAnswer(View(), null);
    }

    public Task<ApplicationView?> GetAsync() => Task.FromResult(state.State.Spec is null ? null : View());

    public async Task<bool> DeleteAsync()
    {
        if (state.State.Spec is null)
        {
            return false;
        }

        state.State.Deleting = true;
        Record("Deleting", null, null, 0, "application deleted; removing its Deployments");
        await state.WriteStateAsync();
        await ReconcileAsync("deleted", gated: false);
        return true;
    }

    public Task PokeAsync(string reason, DateTimeOffset sentAt)
    {
        if (_reconcileStartedAt <= sentAt)
        {
            return ReconcileAsync(reason);
        }

        // A reconcile began after the poke was sent and should have seen its cause; should it not
        // have, the next resync comes at the fast pace rather than a settled application's slow one.
        Pace(settled: false);
        return Task.CompletedTask;
    }

    public Task AbsentAsync(string member)
    {
        if (state.State.Spec is null || !state.State.Observed.Remove(member))
        {
            return Task.CompletedTask;
        }

        return ReconcileAsync($"Deployment gone from {member}");
    }

    public Task WakeAsync() => Task.CompletedTask;

    // The first resync comes at a random point of the interval, so that thousands of applications
    // activated together do not resync together.
    private void StartTimer() => _timer ??= this.RegisterGrainTimer(
        _ => Applications.ResyncPace.Due(_reconciledAt, _pace, time.GetUtcNow()) ? OnTimerAsync(Resync) : Task.CompletedTask,
        new GrainTimerCreationOptions(options.Value.ResyncInterval * Random.Shared.NextDouble(), _pace = options.Value.ResyncInterval) { KeepAlive = true });

    /// <summary>
    /// What the grain's timers run: a reconcile, unless the host is stopping. A reconcile then would
    /// address the host grain, which may have gone already, and fail with a trace in the log.
    /// </summary>
    private Task OnTimerAsync(string reason) => lifetime.ApplicationStopping.IsCancellationRequested ? Task.CompletedTask : ReconcileAsync(reason);

    /// <summary>Backs the resync off while the application is settled, back to the fast pace the moment it is not.</summary>
    private void Pace(bool settled)
    {
        var next = Applications.ResyncPace.Next(settled, _pace, options.Value.ResyncInterval, options.Value.SteadyResyncInterval);
        if (next != _pace && _timer is not null)
        {
            _pace = next;
            _timer.Change(next, next);
        }
    }

    private static bool PolicyChanged(PlacementPolicy before, PlacementPolicy after) =>
        System.Text.Json.JsonSerializer.Serialize(before) != System.Text.Json.JsonSerializer.Serialize(after);

    private void Record(string kind, string? from, string? to, int replicas, string message, string? reason = null)
    {
        var e = new EventView(time.GetUtcNow(), kind, Key, from ?? to, from, to, replicas, reason ?? kind, message);
        _dirty = true;
        EventRecorder.Record(GrainFactory, e);
    }
}
