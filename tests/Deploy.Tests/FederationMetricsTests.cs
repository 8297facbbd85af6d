using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Federation.Observability;
using Prometheus;

namespace Deploy.Tests;

/// <summary>
/// The helpers the control plane calls. The metrics are process-wide statics, so each
/// test uses member and application names of its own.
/// </summary>
public sealed partial class FederationMetricsTests
{
    [Fact]
    public void SetMemberState_sets_one_for_the_current_state_and_zero_for_the_others()
    {
        FederationMetrics.SetMemberState("state-east", "Ready");
        FederationMetrics.SetMemberState("state-east", "Draining");

        foreach (var state in FederationMetrics.MemberStates)
        {
            Assert.Equal(state == "Draining" ? 1 : 0, FederationMetrics.MemberState.WithLabels("state-east", state).Value);
        }
    }

    [Theory]
    [InlineData("ready")]
    [InlineData("Unknown")]
    [InlineData("")]
    public void SetMemberState_rejects_a_state_outside_the_fixed_set(string state)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FederationMetrics.SetMemberState("state-bad", state));

        Assert.DoesNotContain(FederationMetrics.MemberState.GetAllLabelValues(), l => l[0] == "state-bad");
    }

    [Fact]
    public void SetMemberCounts_sets_missing_states_to_zero()
    {
        FederationMetrics.SetMemberCounts(new Dictionary<string, int> { ["Ready"] = 2, ["NotReady"] = 1, ["Cordoned"] = 4 });
        FederationMetrics.SetMemberCounts(new Dictionary<string, int> { ["Ready"] = 3 });

        Assert.Equal(3, FederationMetrics.Members.WithLabels("Ready").Value);
        Assert.Equal(0, FederationMetrics.Members.WithLabels("NotReady").Value);
        Assert.Equal(0, FederationMetrics.Members.WithLabels("Cordoned").Value);
    }

    [Fact]
    public void ObserveProbe_counts_only_failed_probes_and_records_every_latency()
    {
        FederationMetrics.ObserveProbe("probe-west", TimeSpan.FromMilliseconds(3), succeeded: true);
        FederationMetrics.ObserveProbe("probe-west", TimeSpan.FromSeconds(2), succeeded: false);

        Assert.Equal(1, FederationMetrics.MemberProbeFailures.WithLabels("probe-west").Value);
        Assert.Equal(2, FederationMetrics.MemberProbeLatency.WithLabels("probe-west").Count);
        Assert.Equal(2.003, FederationMetrics.MemberProbeLatency.WithLabels("probe-west").Sum, precision: 9);
    }

    [Theory]
    [InlineData(6, 0, 6)]
    [InlineData(6, 2, 4)]
    [InlineData(2, 5, 0)]
    public void SetApplicationSpec_sets_floor_to_replicas_minus_max_unavailable(int replicas, int maxUnavailable, int floor)
    {
        var app = $"spec/app-{replicas}-{maxUnavailable}";

        FederationMetrics.SetApplicationSpec(app, replicas, maxUnavailable, shortfall: 1);

        Assert.Equal(replicas, FederationMetrics.ApplicationReplicas.WithLabels(app).Value);
        Assert.Equal(floor, FederationMetrics.ApplicationFloorReplicas.WithLabels(app).Value);
        Assert.Equal(1, FederationMetrics.ApplicationShortfallReplicas.WithLabels(app).Value);
    }

    [Fact]
    public void SetApplicationPlacement_removes_members_that_no_longer_host_the_application()
    {
        FederationMetrics.SetApplicationPlacement(
            "placement/web",
            new Dictionary<string, int> { ["p-east"] = 2, ["p-west"] = 2 },
            new Dictionary<string, int> { ["p-east"] = 2, ["p-west"] = 1 });
        FederationMetrics.SetApplicationPlacement("placement/other", new Dictionary<string, int> { ["p-west"] = 1 }, new Dictionary<string, int>());

        FederationMetrics.SetApplicationPlacement(
            "placement/web",
            new Dictionary<string, int> { ["p-east"] = 4 },
            new Dictionary<string, int> { ["p-east"] = 3 });

        Assert.Equal(["p-east"], MembersOf(FederationMetrics.ApplicationDesiredReplicas, "placement/web"));
        Assert.Equal(["p-east"], MembersOf(FederationMetrics.ApplicationReadyReplicas, "placement/web"));
        Assert.Equal(3, FederationMetrics.ApplicationReadyReplicas.WithLabels("placement/web", "p-east").Value);
        Assert.Equal(["p-west"], MembersOf(FederationMetrics.ApplicationDesiredReplicas, "placement/other"));
    }

    [Fact]
    public void SetSurvivability_sets_the_count_and_drops_members_no_longer_evaluated()
    {
        FederationMetrics.SetSurvivability(1, new Dictionary<string, int> { ["s-east"] = 6, ["s-west"] = 0 });
        FederationMetrics.SetSurvivability(0, new Dictionary<string, int> { ["s-west"] = 0, ["s-north"] = 0 });

        Assert.Equal(0, FederationMetrics.FleetUnsurvivableLosses.Value);
        var members = FederationMetrics.MemberLossShortfallReplicas.GetAllLabelValues().Select(l => l[0]).ToList();
        Assert.DoesNotContain("s-east", members);
        Assert.Contains("s-north", members);
        Assert.Equal(0, FederationMetrics.MemberLossShortfallReplicas.WithLabels("s-west").Value);
    }

    [Fact]
    public void SetRollout_sets_one_for_the_current_phase_and_null_removes_the_series()
    {
        FederationMetrics.SetRollout("rollout/web", "Halted");

        Assert.Equal(1, FederationMetrics.ApplicationRollout.WithLabels("rollout/web", "Halted").Value);
        Assert.Equal(0, FederationMetrics.ApplicationRollout.WithLabels("rollout/web", "Progressing").Value);
        Assert.Throws<ArgumentOutOfRangeException>(() => FederationMetrics.SetRollout("rollout/web", "Sideways"));

        FederationMetrics.SetRollout("rollout/web", null);
        Assert.DoesNotContain(FederationMetrics.ApplicationRollout.GetAllLabelValues(), l => l[0] == "rollout/web");
    }

    [Fact]
    public void RemoveApplication_removes_every_series_of_that_application_only()
    {
        foreach (var app in new[] { "remove/gone", "remove/kept" })
        {
            FederationMetrics.SetApplicationSpec(app, 3, 1, 0);
            FederationMetrics.SetApplicationPlacement(app, new Dictionary<string, int> { ["r-east"] = 3 }, new Dictionary<string, int> { ["r-east"] = 3 });
            FederationMetrics.SetMigrationStuck(app, true);
            FederationMetrics.SetRollout(app, "Progressing");
        }

        FederationMetrics.RemoveApplication("remove/gone");

        foreach (var series in ApplicationCollectors())
        {
            var labels = series.ToList();
            Assert.DoesNotContain(labels, l => l[0] == "remove/gone");
            Assert.Contains(labels, l => l[0] == "remove/kept");
        }
    }

    [Fact]
    public void RemoveMember_removes_its_state_probes_errors_and_share_of_applications()
    {
        foreach (var member in new[] { "rm-gone", "rm-kept" })
        {
            FederationMetrics.SetMemberState(member, "Retired");
            FederationMetrics.ObserveProbe(member, TimeSpan.FromMilliseconds(1), succeeded: false);
            FederationMetrics.ReconcileFailed(member, "timeout");
        }

        FederationMetrics.SetApplicationPlacement(
            "rm/web",
            new Dictionary<string, int> { ["rm-gone"] = 0, ["rm-kept"] = 2 },
            new Dictionary<string, int> { ["rm-kept"] = 2 });

        FederationMetrics.RemoveMember("rm-gone");

        Assert.DoesNotContain(FederationMetrics.MemberState.GetAllLabelValues(), l => l[0] == "rm-gone");
        Assert.DoesNotContain(FederationMetrics.MemberProbeLatency.GetAllLabelValues(), l => l[0] == "rm-gone");
        Assert.DoesNotContain(FederationMetrics.MemberProbeFailures.GetAllLabelValues(), l => l[0] == "rm-gone");
        Assert.DoesNotContain(FederationMetrics.ReconcileErrors.GetAllLabelValues(), l => l[0] == "rm-gone");
        Assert.Equal(["rm-kept"], MembersOf(FederationMetrics.ApplicationDesiredReplicas, "rm/web"));
        Assert.Equal(6, FederationMetrics.MemberState.GetAllLabelValues().Count(l => l[0] == "rm-kept"));
    }

    [Theory]
    [InlineData("timeout", "timeout")]
    [InlineData("server_error", "server_error")]
    [InlineData("Connection refused (127.0.0.1:6443)", "other")]
    [InlineData("", "other")]
    public void ReconcileFailed_keeps_short_kinds_and_counts_anything_else_as_other(string kind, string label)
    {
        var member = $"kind-{label}-{kind.Length}";

        FederationMetrics.ReconcileFailed(member, kind);

        var labels = Assert.Single(FederationMetrics.ReconcileErrors.GetAllLabelValues(), l => l[0] == member);
        Assert.Equal(label, labels[1]);
    }

    [Fact]
    public void ReleaseMemberState_removes_only_the_state_series_of_that_member()
    {
        FederationMetrics.SetMemberState("release-east", "NotReady");
        FederationMetrics.SetMemberState("release-west", "NotReady");
        FederationMetrics.ObserveProbe("release-east", TimeSpan.FromMilliseconds(2), succeeded: false);

        FederationMetrics.ReleaseMemberState("release-east");

        Assert.DoesNotContain(FederationMetrics.MemberState.GetAllLabelValues(), l => l[0] == "release-east");
        Assert.Contains(FederationMetrics.MemberState.GetAllLabelValues(), l => l[0] == "release-west");
        Assert.Contains(FederationMetrics.MemberProbeFailures.GetAllLabelValues(), l => l[0] == "release-east");
    }

    [Fact]
    public async Task Migration_counters_are_exported_for_every_reason_and_outcome_before_any_migration()
    {
        var text = await ExportAsync();

        foreach (var reason in FederationMetrics.MigrationReasons)
        {
            Assert.Contains($"federation_migrations_started_total{{reason=\"{reason}\"}} ", text, StringComparison.Ordinal);
            Assert.Contains($"federation_migration_replicas_moved_total{{reason=\"{reason}\"}} ", text, StringComparison.Ordinal);
            foreach (var outcome in FederationMetrics.MigrationOutcomes)
            {
                Assert.Contains($"federation_migrations_finished_total{{reason=\"{reason}\",outcome=\"{outcome}\"}}", text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Migration_helpers_reject_reasons_and_outcomes_outside_the_fixed_sets()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => FederationMetrics.StartMigration("Drain"));
        Assert.Throws<ArgumentOutOfRangeException>(() => FederationMetrics.ResumeMigration("manual"));
        Assert.Throws<ArgumentOutOfRangeException>(() => FederationMetrics.RecordReplicasMoved("drain", -1));
        Assert.Throws<ArgumentOutOfRangeException>(
            () => FederationMetrics.FinishMigration("m/web", "drain", "timeout", TimeSpan.FromSeconds(1)));

        Assert.DoesNotContain(FederationMetrics.MigrationsStarted.GetAllLabelValues(), l => l[0] == "Drain");
        Assert.DoesNotContain(FederationMetrics.MigrationsFinished.GetAllLabelValues(), l => l[1] == "timeout");
    }

    [Fact]
    public void In_flight_gauge_follows_start_suspend_resume_and_finish_and_starts_are_counted_once()
    {
        // Only this class touches the migration metrics, and its tests run one at a time.
        var inFlight = FederationMetrics.MigrationsInFlight.Value;
        var started = FederationMetrics.MigrationsStarted.WithLabels("failover").Value;
        var moved = FederationMetrics.MigrationReplicasMoved.WithLabels("failover").Value;

        FederationMetrics.StartMigration("failover");
        Assert.Equal(inFlight + 1, FederationMetrics.MigrationsInFlight.Value);
        FederationMetrics.RecordReplicasMoved("failover", 2);
        FederationMetrics.SuspendMigration();
        Assert.Equal(inFlight, FederationMetrics.MigrationsInFlight.Value);
        FederationMetrics.ResumeMigration("failover");
        Assert.Equal(inFlight + 1, FederationMetrics.MigrationsInFlight.Value);
        FederationMetrics.RecordReplicasMoved("failover", 1);
        FederationMetrics.FinishMigration("inflight/web", "failover", "succeeded", TimeSpan.FromSeconds(90));

        Assert.Equal(inFlight, FederationMetrics.MigrationsInFlight.Value);
        Assert.Equal(started + 1, FederationMetrics.MigrationsStarted.WithLabels("failover").Value);
        Assert.Equal(moved + 3, FederationMetrics.MigrationReplicasMoved.WithLabels("failover").Value);
    }

    [Fact]
    public void FinishMigration_counts_the_outcome_records_the_duration_and_clears_the_stuck_flag()
    {
        // Counters are shared with other tests of this class that use other reasons; only "rebalance" is used here.
        var finishedBefore = FederationMetrics.MigrationsFinished.WithLabels("rebalance", "cancelled").Value;
        var durationsBefore = FederationMetrics.MigrationDuration.WithLabels("rebalance").Count;
        FederationMetrics.SetMigrationStuck("finish/web", true);

        FederationMetrics.FinishMigration("finish/web", "rebalance", "cancelled", TimeSpan.FromMinutes(3));

        Assert.Equal(finishedBefore + 1, FederationMetrics.MigrationsFinished.WithLabels("rebalance", "cancelled").Value);
        Assert.Equal(durationsBefore + 1, FederationMetrics.MigrationDuration.WithLabels("rebalance").Count);
        Assert.Equal(0, FederationMetrics.MigrationStuck.WithLabels("finish/web").Value);
    }

    [Theory]
    [InlineData("federation_member_probe_latency_seconds", 0.001, 5)]
    [InlineData("federation_scheduling_duration_seconds", 0.00001, 1)]
    [InlineData("federation_migration_duration_seconds", 1, 7200)]
    public async Task Histogram_buckets_span_the_expected_range(string histogram, double lowest, double highest)
    {
        FederationMetrics.ObserveProbe("buckets-east", TimeSpan.FromMilliseconds(1), succeeded: true);
        FederationMetrics.ObserveScheduling(TimeSpan.FromTicks(100));
        FederationMetrics.MigrationDuration.WithLabels("drain");

        var bounds = (await ExportAsync()).Split('\n')
            .Where(line => line.StartsWith(histogram + "_bucket{", StringComparison.Ordinal))
            .Select(line => BucketBound().Match(line).Groups[1].Value)
            .Where(bound => bound != "+Inf")
            .Select(bound => double.Parse(bound, CultureInfo.InvariantCulture))
            .ToList();

        Assert.NotEmpty(bounds);
        Assert.Equal(lowest, bounds.Min(), precision: 12);
        Assert.Equal(highest, bounds.Max(), precision: 12);
    }

    [Theory]
    [InlineData("PUT", 422, "PUT")]
    [InlineData("BREW", 405, "OTHER")]
    public async Task ObserveApiRequest_labels_by_route_template_known_method_and_numeric_status(string method, int status, string label)
    {
        FederationMetrics.ObserveApiRequest(method, "/api/v1/namespaces/{ns}/applications/{name}", status, TimeSpan.FromMilliseconds(4));

        var text = await ExportAsync();

        Assert.Contains(
            $"federation_api_request_duration_seconds_count{{method=\"{label}\",route=\"/api/v1/namespaces/{{ns}}/applications/{{name}}\",status=\"{status}\"}} 1",
            text,
            StringComparison.Ordinal);
    }

    private static IEnumerable<IEnumerable<string[]>> ApplicationCollectors() =>
    [
        FederationMetrics.ApplicationDesiredReplicas.GetAllLabelValues(),
        FederationMetrics.ApplicationReadyReplicas.GetAllLabelValues(),
        FederationMetrics.ApplicationFloorReplicas.GetAllLabelValues(),
        FederationMetrics.ApplicationReplicas.GetAllLabelValues(),
        FederationMetrics.ApplicationShortfallReplicas.GetAllLabelValues(),
        FederationMetrics.MigrationStuck.GetAllLabelValues(),
        FederationMetrics.ApplicationRollout.GetAllLabelValues(),
    ];

    private static List<string> MembersOf(Gauge gauge, string application) =>
        gauge.GetAllLabelValues().Where(l => l[0] == application).Select(l => l[1]).Order(StringComparer.Ordinal).ToList();

    [GeneratedRegex("le=\"([^\"]+)\"")]
    private static partial Regex BucketBound();

    private static async Task<string> ExportAsync()
    {
        using var stream = new MemoryStream();
        await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
