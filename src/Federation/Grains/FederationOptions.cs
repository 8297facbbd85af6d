namespace Federation.Grains;

/// <summary>
/// The host's settings: section <c>Federation</c> of appsettings, <c>Federation__*</c> environment
/// variables, or flags. Empty <see cref="Redis"/> means the embedded mode (one silo, data dir).
/// </summary>
public sealed class FederationOptions
{
    public const string Section = "Federation";

    public string DataDir { get; set; } = ".federation";

    public string? Redis { get; set; }

    /// <summary>
    /// How long a stop (SIGTERM, Ctrl-C) may take before the process ends without finishing it: below
    /// Kubernetes' default 30 s grace period, so the host ends on its own, even with Redis gone.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(20);

    public string ServiceId { get; set; } = "federation";

    public string ClusterId { get; set; } = "federation";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public string ApiUrls { get; set; } = "http://127.0.0.1:8080";

    /// <summary>name → "role:token", roles viewer, operator, admin; tokens of 32 characters or more.</summary>
    public Dictionary<string, string> Tokens { get; set; } = [];

    /// <summary>With no tokens, serve every caller as admin: loopback only (<c>serve --allow-anonymous</c>).</summary>
    public bool AllowAnonymous { get; set; }

    /// <summary>The largest request body the API reads; larger ones are refused with 413.</summary>
    public long MaxRequestBodyBytes { get; set; } = 1024 * 1024;

    public TimeSpan ProbeInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How often a healthy member's nodes and pods are listed for its free capacity. Apart from the
    /// health probe, which must be quick to notice an outage: a capacity read lists every pod of the
    /// member, and figures a few seconds old cost nothing while the ledger holds what was promised
    /// since. A member that comes back is read at once.
    /// </summary>
    public TimeSpan CapacityInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How often a member's capacity is read while the host wants no fresh figures from it: nothing is
    /// promised on it since its last read and no application waits for room. Only other workloads and
    /// node changes move its figures then, and they are noticed within this long.
    /// </summary>
    public TimeSpan CapacityIdleInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a probe waits for a member's <c>/readyz</c>. A member that stops answering (rather than
    /// refusing) is noticed after <see cref="FailureThreshold"/> times the longer of this and <see cref="ProbeInterval"/>.
    /// </summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Production mode: how long a silo waits for another silo's answer to a liveness probe (Orleans'
    /// membership <c>ProbeTimeout</c>, 5 s by default). A silo that dies is declared dead after three
    /// missed probes, and until then calls to the grains it held wait: 3 s keeps a kill -9 under about
    /// 10 s for API callers. Orleans lengthens the timeout on its own while the silo itself is starved.
    /// </summary>
    public TimeSpan SiloProbeTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Consecutive failed probes before a Ready member becomes NotReady.</summary>
    public int FailureThreshold { get; set; } = 3;

    /// <summary>
    /// Failover is held while more than this fraction of the members (at least three; maintenance
    /// and retired ones aside) are unreachable at once: so correlated a loss is more likely the
    /// host's own network or load, and failing over would pile everything onto the few members
    /// left. As the Kubernetes node controller's full-disruption mode and Karmada's
    /// unhealthy-cluster threshold (0.55). 1 turns the hold off.
    /// </summary>
    public double FailoverHoldFraction { get; set; } = 0.55;

    /// <summary>Consecutive good probes before a NotReady member is Ready again.</summary>
    public int SuccessThreshold { get; set; } = 2;

    /// <summary>A member that went NotReady this many times within <see cref="FlapWindow"/> is held down.</summary>
    public int FlapCount { get; set; } = 3;

    public TimeSpan FlapWindow { get; set; } = TimeSpan.FromMinutes(10);

    public TimeSpan HoldDown { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often an application with work in flight re-checks its members, as a safety net beside the watches.</summary>
    public TimeSpan ResyncInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The slowest a settled application re-checks (its pace doubles from <see cref="ResyncInterval"/> up to this):
    /// members' changes, drift seen by the watches and spec changes reach it at once anyway.
    /// </summary>
    public TimeSpan SteadyResyncInterval { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long an application gathers its members' reports (a Deployment's replicas created,
    /// scheduled, ready) before one reconcile reads them all; 0 reconciles as soon as the application is free.
    /// </summary>
    public TimeSpan ObservationBatch { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long capacity promised to a placement is held before the member's own figures are trusted.</summary>
    public TimeSpan ReservationTtl { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Writes per second to one member's API server from one silo, shared by all applications
    /// (with bursts of a fifth of that: any one second sees at most 1.2 times the rate). 200 lets a member lost under 10,000 applications be replaced through
    /// nine others in about 6 s, while staying well below what an API server takes (the default
    /// client-side limit of client-go is 5/s per client with many clients; Karmada writes at 40/s).
    /// </summary>
    public int MemberWritesPerSecond { get; set; } = 200;

    /// <summary>
    /// Reconciles that no caller waits for (pokes, resyncs, timers) running at once on a silo; more wait
    /// their turn (<see cref="ReconcileGate"/>). Enough to keep every member's writes flowing at
    /// <see cref="MemberWritesPerSecond"/> while a reconcile waits a few milliseconds for a member, few
    /// enough that a fleet's failover leaves the process free to answer its probes and its API.
    /// </summary>
    public int ReconcileConcurrency { get; set; } = 64;

    /// <summary>
    /// The least time between two evaluations of every single member loss (each a what-if plan of the
    /// fleet), which run only after the members' capacity or the placements changed.
    /// </summary>
    public TimeSpan SurvivabilityInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Fleet-wide hooks: BeforeScaleDown and AfterReady for every application that has none of that
    /// kind of its own. Their secrets come from the settings (environment, a mounted file), not from state.
    /// </summary>
    public List<HookSpec> Hooks { get; set; } = [];

    /// <summary>How long an application avoids a member whose replicas would not become ready.</summary>
    public TimeSpan AvoidFor { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>What is wrong with these settings, each naming the setting; none when they are usable.</summary>
    public IEnumerable<string> Problems()
    {
        foreach (var (name, value) in new[]
        {
            (nameof(ProbeInterval), ProbeInterval), (nameof(ProbeTimeout), ProbeTimeout), (nameof(SiloProbeTimeout), SiloProbeTimeout), (nameof(CapacityInterval), CapacityInterval),
            (nameof(CapacityIdleInterval), CapacityIdleInterval), (nameof(ResyncInterval), ResyncInterval),
            (nameof(SteadyResyncInterval), SteadyResyncInterval), (nameof(ReservationTtl), ReservationTtl), (nameof(SurvivabilityInterval), SurvivabilityInterval),
            (nameof(ShutdownTimeout), ShutdownTimeout), (nameof(FlapWindow), FlapWindow),
        })
        {
            if (value <= TimeSpan.Zero)
            {
                yield return $"{Section}:{name} must be a positive duration, not {value}";
            }
        }

        foreach (var (name, value) in new[]
        {
            (nameof(FailureThreshold), FailureThreshold), (nameof(SuccessThreshold), SuccessThreshold),
            (nameof(FlapCount), FlapCount), (nameof(MemberWritesPerSecond), MemberWritesPerSecond),
            (nameof(ReconcileConcurrency), ReconcileConcurrency),
        })
        {
            if (value < 1)
            {
                yield return $"{Section}:{name} must be at least 1, not {value}";
            }
        }

        if (ObservationBatch < TimeSpan.Zero || ObservationBatch > ResyncInterval)
        {
            yield return $"{Section}:{nameof(ObservationBatch)} must be between 0 and {nameof(ResyncInterval)} ({ResyncInterval}), not {ObservationBatch}";
        }

        if (!(FailoverHoldFraction is >= 0 and <= 1))
        {
            yield return $"{Section}:{nameof(FailoverHoldFraction)} must be between 0 and 1 (1 turns the hold off), not {FailoverHoldFraction}";
        }
    }
}
