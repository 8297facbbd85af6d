using Federation.Observability;
using Prometheus;

namespace Deploy.Tests;

/// <summary>The alert rules and the dashboard query only metrics the host exports.</summary>
public sealed class MetricNamesTests
{
    /// <summary>The names the control plane is wired to; renaming one breaks alerts and dashboards.</summary>
    public static readonly TheoryData<string> ContractNames =
    [
        "federation_member_state",
        "federation_members",
        "federation_member_probe_latency_seconds",
        "federation_member_probe_failures_total",
        "federation_application_desired_replicas",
        "federation_application_ready_replicas",
        "federation_application_floor_replicas",
        "federation_application_replicas",
        "federation_application_shortfall_replicas",
        "federation_migrations_started_total",
        "federation_migrations_finished_total",
        "federation_migration_duration_seconds",
        "federation_migration_replicas_moved_total",
        "federation_migrations_in_flight",
        "federation_migration_stuck",
        "federation_scheduling_duration_seconds",
        "federation_reconcile_errors_total",
        "federation_api_request_duration_seconds",
    ];

    [Fact]
    public void Every_metric_in_the_alert_rules_is_defined_in_FederationMetrics()
    {
        var used = MetricNames.UsedIn(MetricNames.AlertExpressions());

        Assert.NotEmpty(used);
        Assert.Empty(used.Except(MetricNames.Defined()).Order());
    }

    [Fact]
    public void Every_metric_in_the_dashboard_is_defined_in_FederationMetrics()
    {
        var used = MetricNames.UsedIn(MetricNames.DashboardExpressions());

        Assert.NotEmpty(used);
        Assert.Empty(used.Except(MetricNames.Defined()).Order());
    }

    [Theory]
    [MemberData(nameof(ContractNames))]
    public void Contract_metric_is_defined_in_FederationMetrics(string name)
    {
        Assert.Contains(name, MetricNames.Defined());
    }

    [Fact]
    public async Task Every_name_in_the_metrics_source_is_exported_by_the_registry()
    {
        // Touch the class so its static metrics register, then read what /metrics would serve.
        Assert.NotEmpty(FederationMetrics.MemberStates);
        using var stream = new MemoryStream();
        await Metrics.DefaultRegistry.CollectAndExportAsTextAsync(stream);
        var exported = System.Text.Encoding.UTF8.GetString(stream.ToArray())
            .Split('\n')
            .Where(line => line.StartsWith("# TYPE ", StringComparison.Ordinal))
            .Select(line => line.Split(' ')[2])
            .ToHashSet(StringComparer.Ordinal);

        Assert.Empty(MetricNames.Defined().Except(exported).Order());
    }

    [Theory]
    [InlineData("federation_member_probe_latency_seconds_bucket", "federation_member_probe_latency_seconds")]
    [InlineData("federation_migration_duration_seconds_sum", "federation_migration_duration_seconds")]
    [InlineData("federation_api_request_duration_seconds_count", "federation_api_request_duration_seconds")]
    [InlineData("federation_migrations_started_total", "federation_migrations_started_total")]
    public void Histogram_series_suffixes_are_stripped_to_the_metric_name(string series, string metric)
    {
        Assert.Equal(metric, MetricNames.StripSeriesSuffix(series));
    }
}
