using Prometheus;

namespace Federation.Observability;

/// <summary>
/// Every Prometheus metric the host exports, in one place, with the helpers the
/// control plane calls. Label values come only from bounded sets: member names,
/// application keys (<c>namespace/name</c>), the fixed state/reason/outcome
/// vocabularies below, HTTP methods, route templates and status codes — never a
/// raw path, an id or an error message. Deleting a member or an application must
/// call <see cref="RemoveMember"/> / <see cref="RemoveApplication"/> so its series go away.
/// </summary>
/// <remarks>
/// Series are exported by the silo where the grain that owns them is active. When a
/// grain deactivates, it hands its series back so the old silo does not keep exporting a
/// stale value next to the new silo's: application grains call <see cref="RemoveApplication"/>
/// (and <see cref="SuspendMigration"/> for a migration in flight), member grains
/// <see cref="ReleaseMemberState"/>, the host grain <see cref="SetMemberCounts"/> with an empty map.
/// This file depends on prometheus-net only (no Orleans, no Kubernetes), so the
/// deploy tests compile it on its own and check the names used by the alert rules
/// and the dashboard against it. The alerts aggregate with <c>max by</c>, so a
/// series briefly exported by two silos (a grain moving between them) does not
/// double-count.
/// </remarks>
public static class FederationMetrics
{
    /// <summary>Member states, as the <c>state</c> label spells them.</summary>
    public static readonly IReadOnlyList<string> MemberStates =
        ["Ready", "NotReady", "Cordoned", "Draining", "Retired", "Maintenance"];

    /// <summary>Why a migration started, as the <c>reason</c> label spells it.</summary>
    public static readonly IReadOnlyList<string> MigrationReasons =
        ["drain", "retire", "failover", "rebalance", "unhealthy"];

    /// <summary>How a migration ended, as the <c>outcome</c> label spells it.</summary>
    public static readonly IReadOnlyList<string> MigrationOutcomes =
        ["succeeded", "failed", "cancelled"];

    /// <summary>Phases of a progressive rollout, as the <c>phase</c> label spells them (Paused: progressing, paused).</summary>
    public static readonly IReadOnlyList<string> RolloutPhases =
        ["Progressing", "Paused", "Succeeded", "Halted", "RollingBack", "RolledBack"];

    private static readonly HashSet<string> HttpMethods =
        new(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"], StringComparer.Ordinal);

    public static readonly Gauge MemberState = Metrics.CreateGauge(
        "federation_member_state",
        "1 for the member's current state, 0 for every other state.",
        new GaugeConfiguration { LabelNames = ["member", "state"] });

    public static readonly Gauge Members = Metrics.CreateGauge(
        "federation_members",
        "Number of member clusters in each state.",
        new GaugeConfiguration { LabelNames = ["state"] });

    public static readonly Gauge FailoverHeld = Metrics.CreateGauge(
        "federation_failover_held",
        "1 while failover is held because too many members are unreachable at once (FailoverHoldFraction), else 0.");

    public static readonly Gauge ReconcilesWaiting = Metrics.CreateGauge(
        "federation_reconciles_waiting",
        "Reconciles waiting for a turn in this process (Federation:ReconcileConcurrency run at once): a failover's backlog.");

    public static readonly Histogram MemberProbeLatency = Metrics.CreateHistogram(
        "federation_member_probe_latency_seconds",
        "Duration of a health probe of a member's API server.",
        new HistogramConfiguration
        {
            LabelNames = ["member"],
            // 1 ms .. 5 s: a loopback probe takes about a millisecond, a probe timeout is a few seconds.
            Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
        });

    public static readonly Counter MemberProbeFailures = Metrics.CreateCounter(
        "federation_member_probe_failures_total",
        "Health probes of a member that failed (error, refusal or timeout).",
        new CounterConfiguration { LabelNames = ["member"] });

    public static readonly Gauge ApplicationDesiredReplicas = Metrics.CreateGauge(
        "federation_application_desired_replicas",
        "Replicas of the application assigned to the member.",
        new GaugeConfiguration { LabelNames = ["application", "member"] });

    public static readonly Gauge ApplicationReadyReplicas = Metrics.CreateGauge(
        "federation_application_ready_replicas",
        "Ready replicas of the application observed on the member.",
        new GaugeConfiguration { LabelNames = ["application", "member"] });

    public static readonly Gauge ApplicationFloorReplicas = Metrics.CreateGauge(
        "federation_application_floor_replicas",
        "Availability floor of the application: replicas - maxUnavailable.",
        new GaugeConfiguration { LabelNames = ["application"] });

    public static readonly Gauge ApplicationReplicas = Metrics.CreateGauge(
        "federation_application_replicas",
        "Total replicas the application asks for across the fleet.",
        new GaugeConfiguration { LabelNames = ["application"] });

    public static readonly Gauge ApplicationShortfallReplicas = Metrics.CreateGauge(
        "federation_application_shortfall_replicas",
        "Replicas of the application the fleet has no capacity for.",
        new GaugeConfiguration { LabelNames = ["application"] });

    public static readonly Counter ApplicationReconciles = Metrics.CreateCounter(
        "federation_application_reconciles_total",
        "Reconciles of the application: spec changes, member changes that concern it, its members' reports and resyncs.",
        new CounterConfiguration { LabelNames = ["application"] });

    public static readonly Counter MemberWrites = Metrics.CreateCounter(
        "federation_member_writes_total",
        "Writes to a member's API server by this silo (each through its rate limiter).",
        new CounterConfiguration { LabelNames = ["member"] });

    public static readonly Counter MigrationsStarted = Metrics.CreateCounter(
        "federation_migrations_started_total",
        "Migrations started, by reason.",
        new CounterConfiguration { LabelNames = ["reason"] });

    public static readonly Counter MigrationsFinished = Metrics.CreateCounter(
        "federation_migrations_finished_total",
        "Migrations finished, by reason and outcome.",
        new CounterConfiguration { LabelNames = ["reason", "outcome"] });

    public static readonly Histogram MigrationDuration = Metrics.CreateHistogram(
        "federation_migration_duration_seconds",
        "Duration of a migration from start to finish.",
        new HistogramConfiguration
        {
            LabelNames = ["reason"],
            // 1 s .. 2 h: a migration waits for pods to become ready, step by step.
            Buckets = [1, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200],
        });

    public static readonly Counter MigrationReplicasMoved = Metrics.CreateCounter(
        "federation_migration_replicas_moved_total",
        "Replicas moved from one member to another by migrations.",
        new CounterConfiguration { LabelNames = ["reason"] });

    public static readonly Gauge MigrationsInFlight = Metrics.CreateGauge(
        "federation_migrations_in_flight",
        "Migrations in progress on this silo.");

    public static readonly Gauge ApplicationRollout = Metrics.CreateGauge(
        "federation_application_rollout",
        "1 for the phase of the application's progressive rollout, 0 for every other phase; no series without a rollout.",
        new GaugeConfiguration { LabelNames = ["application", "phase"] });

    public static readonly Gauge MigrationStuck = Metrics.CreateGauge(
        "federation_migration_stuck",
        "1 while the application's migration is stuck (step timed out, no target left).",
        new GaugeConfiguration { LabelNames = ["application"] });

    public static readonly Histogram SchedulingDuration = Metrics.CreateHistogram(
        "federation_scheduling_duration_seconds",
        "Duration of one replica division (filter, score, select, divide).",
        new HistogramConfiguration
        {
            // 10 µs .. 1 s: the division is pure arithmetic over a snapshot.
            Buckets = [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
        });

    public static readonly Counter ReconcileErrors = Metrics.CreateCounter(
        "federation_reconcile_errors_total",
        "Reconcile attempts against a member that failed, by kind of failure.",
        new CounterConfiguration { LabelNames = ["member", "kind"] });

    public static readonly Gauge FleetUnsurvivableLosses = Metrics.CreateGauge(
        "federation_fleet_unsurvivable_losses",
        "How many single member losses would leave replicas with nowhere to run (re-evaluated on capacity changes).");

    public static readonly Gauge MemberLossShortfallReplicas = Metrics.CreateGauge(
        "federation_member_loss_shortfall_replicas",
        "Replicas the scheduler could not place elsewhere were this member lost now.",
        new GaugeConfiguration { LabelNames = ["member"] });

    public static readonly Histogram ApiRequestDuration = Metrics.CreateHistogram(
        "federation_api_request_duration_seconds",
        "Duration of REST API requests, by method, route template and status code.",
        new HistogramConfiguration
        {
            LabelNames = ["method", "route", "status"],
            Buckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        });

    static FederationMetrics()
    {
        // Publish the fixed label sets at 0 from the start, so that rate() and
        // increase() see the first event and "nothing moved" reads as 0, not as no data.
        foreach (var state in MemberStates)
        {
            Members.WithLabels(state).Set(0);
        }

        foreach (var reason in MigrationReasons)
        {
            MigrationsStarted.WithLabels(reason);
            MigrationReplicasMoved.WithLabels(reason);
            foreach (var outcome in MigrationOutcomes)
            {
                MigrationsFinished.WithLabels(reason, outcome);
            }
        }
    }

    /// <summary>Sets 1 for the member's current state and 0 for the other states.</summary>
    public static void SetMemberState(string member, string state)
    {
        Require(MemberStates, state, nameof(state));
        foreach (var candidate in MemberStates)
        {
            MemberState.WithLabels(member, candidate).Set(candidate == state ? 1 : 0);
        }
    }

    /// <summary>
    /// Sets the number of members per state; states missing from <paramref name="counts"/> are 0
    /// (an empty map when the host grain leaves this silo).
    /// </summary>
    public static void SetMemberCounts(IReadOnlyDictionary<string, int> counts)
    {
        foreach (var state in counts.Keys)
        {
            Require(MemberStates, state, nameof(counts));
        }

        foreach (var state in MemberStates)
        {
            Members.WithLabels(state).Set(counts.GetValueOrDefault(state));
        }
    }

    /// <summary>
    /// Sets the latest survivability evaluation: the unsurvivable losses and, per member, what losing it
    /// leaves unplaced. Members missing from <paramref name="shortfallByMember"/> lose their series (an
    /// empty map when the host grain leaves this silo).
    /// </summary>
    public static void SetSurvivability(int unsurvivable, IReadOnlyDictionary<string, int> shortfallByMember)
    {
        FleetUnsurvivableLosses.Set(unsurvivable);
        RemoveWhere(MemberLossShortfallReplicas, l => !shortfallByMember.ContainsKey(l[0]));
        foreach (var (member, shortfall) in shortfallByMember)
        {
            MemberLossShortfallReplicas.WithLabels(member).Set(shortfall);
        }
    }

    /// <summary>Removes the member's state series from this silo: its grain deactivated here and will report from its next silo.</summary>
    public static void ReleaseMemberState(string member) => RemoveWhere(MemberState, l => l[0] == member);

    /// <summary>Records one probe of a member: its latency, and a failure when it failed.</summary>
    public static void ObserveProbe(string member, TimeSpan latency, bool succeeded)
    {
        MemberProbeLatency.WithLabels(member).Observe(latency.TotalSeconds);
        // Touch the counter on success too, so a member's failure rate reads 0 rather than no data.
        var failures = MemberProbeFailures.WithLabels(member);
        if (!succeeded)
        {
            failures.Inc();
        }
    }

    /// <summary>Sets the application's total replicas, floor (replicas - maxUnavailable) and shortfall.</summary>
    public static void SetApplicationSpec(string application, int replicas, int maxUnavailable, int shortfall)
    {
        ApplicationReplicas.WithLabels(application).Set(replicas);
        ApplicationFloorReplicas.WithLabels(application).Set(Math.Max(0, replicas - maxUnavailable));
        ApplicationShortfallReplicas.WithLabels(application).Set(shortfall);
    }

    /// <summary>
    /// Sets desired and ready replicas per member of one application. A member
    /// in neither map no longer hosts the application: its series are removed.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string[]> PlacedMembers = new(StringComparer.Ordinal);

    public static void SetApplicationPlacement(
        string application,
        IReadOnlyDictionary<string, int> desiredByMember,
        IReadOnlyDictionary<string, int> readyByMember)
    {
        var members = desiredByMember.Keys.Union(readyByMember.Keys).ToHashSet(StringComparer.Ordinal);
        foreach (var member in members)
        {
            ApplicationDesiredReplicas.WithLabels(application, member).Set(desiredByMember.GetValueOrDefault(member));
            ApplicationReadyReplicas.WithLabels(application, member).Set(readyByMember.GetValueOrDefault(member));
        }

        // The members this application had series for, kept per application: finding them by
        // scanning every series would cost the whole fleet's size on each update.
        var before = PlacedMembers.GetValueOrDefault(application) ?? [];
        PlacedMembers[application] = [.. members];
        foreach (var member in before.Where(m => !members.Contains(m)))
        {
            ApplicationDesiredReplicas.RemoveLabelled(application, member);
            ApplicationReadyReplicas.RemoveLabelled(application, member);
        }
    }

    /// <summary>A migration begins: counts it and adds it to the in-flight gauge.</summary>
    public static void StartMigration(string reason)
    {
        Require(MigrationReasons, reason, nameof(reason));
        MigrationsStarted.WithLabels(reason).Inc();
        MigrationsInFlight.Inc();
    }

    /// <summary>
    /// A persisted migration resumes on this silo after its silo died: in flight
    /// here again, but not a new start.
    /// </summary>
    public static void ResumeMigration(string reason)
    {
        Require(MigrationReasons, reason, nameof(reason));
        MigrationsInFlight.Inc();
    }

    /// <summary>
    /// The application grain holding a migration in flight deactivates on this silo; the
    /// migration is persisted and <see cref="ResumeMigration"/> counts it on the next silo.
    /// </summary>
    public static void SuspendMigration() => MigrationsInFlight.Dec();

    /// <summary>Replicas moved by one completed step of a migration.</summary>
    public static void RecordReplicasMoved(string reason, int replicas)
    {
        Require(MigrationReasons, reason, nameof(reason));
        ArgumentOutOfRangeException.ThrowIfNegative(replicas);
        MigrationReplicasMoved.WithLabels(reason).Inc(replicas);
    }

    /// <summary>A migration ends: counts the outcome, records its duration, clears its stuck flag.</summary>
    public static void FinishMigration(string application, string reason, string outcome, TimeSpan duration)
    {
        Require(MigrationReasons, reason, nameof(reason));
        Require(MigrationOutcomes, outcome, nameof(outcome));
        MigrationsFinished.WithLabels(reason, outcome).Inc();
        MigrationDuration.WithLabels(reason).Observe(duration.TotalSeconds);
        MigrationsInFlight.Dec();
        MigrationStuck.WithLabels(application).Set(0);
    }

    /// <summary>Sets the phase of the application's progressive rollout; null (no rollout) removes its series.</summary>
    public static void SetRollout(string application, string? phase)
    {
        if (phase is null)
        {
            RemoveWhere(ApplicationRollout, l => l[0] == application);
            return;
        }

        Require(RolloutPhases, phase, nameof(phase));
        foreach (var candidate in RolloutPhases)
        {
            ApplicationRollout.WithLabels(application, candidate).Set(candidate == phase ? 1 : 0);
        }
    }

    /// <summary>Raises or clears the stuck flag of the application's migration.</summary>
    public static void SetMigrationStuck(string application, bool stuck) =>
        MigrationStuck.WithLabels(application).Set(stuck ? 1 : 0);

    /// <summary>Records the duration of one replica division.</summary>
    public static void ObserveScheduling(TimeSpan duration) =>
        SchedulingDuration.Observe(duration.TotalSeconds);

    /// <summary>
    /// Counts a failed reconcile. <paramref name="kind"/> is a short fixed word (timeout,
    /// conflict, unauthorized, ...); anything else, such as an exception message, is counted
    /// as <c>other</c> so that it cannot multiply the series.
    /// </summary>
    public static void ReconcileFailed(string member, string kind) =>
        ReconcileErrors.WithLabels(member, IsErrorKind(kind) ? kind : "other").Inc();

    /// <summary>
    /// Records an API request; <paramref name="routeTemplate"/> is the endpoint's template, never
    /// the raw path. The method comes from the client, so one outside the usual set counts as OTHER.
    /// </summary>
    public static void ObserveApiRequest(string method, string routeTemplate, int statusCode, TimeSpan duration) =>
        ApiRequestDuration
            .WithLabels(HttpMethods.Contains(method) ? method : "OTHER", routeTemplate, statusCode.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Observe(duration.TotalSeconds);

    /// <summary>Removes every series of a deleted application.</summary>
    public static void RemoveApplication(string application)
    {
        RemoveWhere(ApplicationDesiredReplicas, l => l[0] == application);
        RemoveWhere(ApplicationReadyReplicas, l => l[0] == application);
        RemoveWhere(ApplicationFloorReplicas, l => l[0] == application);
        RemoveWhere(ApplicationReplicas, l => l[0] == application);
        RemoveWhere(ApplicationShortfallReplicas, l => l[0] == application);
        RemoveWhere(MigrationStuck, l => l[0] == application);
        RemoveWhere(ApplicationRollout, l => l[0] == application);
        RemoveWhere(ApplicationReconciles, l => l[0] == application);
        PlacedMembers.TryRemove(application, out _);
    }

    /// <summary>Removes every series of an unjoined member, including its share of each application.</summary>
    public static void RemoveMember(string member)
    {
        RemoveWhere(MemberState, l => l[0] == member);
        RemoveWhere(MemberProbeLatency, l => l[0] == member);
        RemoveWhere(MemberProbeFailures, l => l[0] == member);
        RemoveWhere(ApplicationDesiredReplicas, l => l[1] == member);
        RemoveWhere(ApplicationReadyReplicas, l => l[1] == member);
        RemoveWhere(ReconcileErrors, l => l[0] == member);
        RemoveWhere(MemberWrites, l => l[0] == member);
        RemoveWhere(MemberLossShortfallReplicas, l => l[0] == member);
    }

    private static void RemoveWhere<TChild>(Collector<TChild> collector, Func<string[], bool> match)
        where TChild : ChildBase
    {
        // GetAllLabelValues returns a snapshot, so removing while iterating is safe.
        foreach (var labels in collector.GetAllLabelValues().Where(match).ToList())
        {
            collector.RemoveLabelled(labels);
        }
    }

    private static bool IsErrorKind(string kind) =>
        kind.Length is > 0 and <= 32 && kind.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');

    private static void Require(IReadOnlyList<string> allowed, string value, string parameter)
    {
        if (!allowed.Contains(value))
        {
            throw new ArgumentOutOfRangeException(parameter, value, $"must be one of {string.Join(", ", allowed)}");
        }
    }
}
