namespace Deploy.Tests;

/// <summary>deploy/prometheus/alerts.yaml through the real promtool, and its Kubernetes copy.</summary>
public sealed class AlertRulesTests
{
    private const string Rules = "deploy/prometheus/alerts.yaml";
    private const string RuleTests = "deploy/prometheus/alerts.test.yaml";

    public static readonly TheoryData<string> RequiredAlerts =
    [
        "FederationMemberNotReady",
        "FederationApplicationBelowFloor",
        "FederationApplicationShortfall",
        "FederationMigrationStuck",
        "FederationReconcileErrorsRising",
        "FleetNotSurvivable",
        "FederationRolloutFailed",
    ];

    [Fact]
    public async Task Promtool_check_rules_accepts_the_alert_rules()
    {
        var result = await Promtool.RunAsync("check", "rules", Rules);

        Assert.True(result.ExitCode == 0, $"promtool check rules {Rules} failed:\n{result}");
    }

    [Fact]
    public async Task Promtool_unit_tests_of_the_alert_rules_pass()
    {
        var result = await Promtool.RunAsync("test", "rules", RuleTests);

        Assert.True(result.ExitCode == 0, $"promtool test rules {RuleTests} failed:\n{result}");
        Assert.Contains("SUCCESS", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(RequiredAlerts))]
    public void Alert_is_defined_with_a_severity_and_annotations_naming_its_subject(string alert)
    {
        var rules = AlertRules().Where(r => Yaml.Text(r, "alert") == alert).ToList();

        Assert.NotEmpty(rules);
        foreach (var rule in rules)
        {
            Assert.Contains(Yaml.Text(rule, "labels.severity"), new[] { "warning", "critical" });
            var summary = Yaml.Text(rule, "annotations.summary") ?? "";
            var description = Yaml.Text(rule, "annotations.description") ?? "";
            Assert.False(string.IsNullOrWhiteSpace(summary), $"{alert} has no summary");
            Assert.False(string.IsNullOrWhiteSpace(description), $"{alert} has no description");
            var expr = Yaml.Text(rule, "expr") ?? "";
            foreach (var subject in new[] { "member", "application" }.Where(s => expr.Contains($"by ({s})", StringComparison.Ordinal)))
            {
                Assert.Contains($"$labels.{subject}", summary, StringComparison.Ordinal);
                Assert.Contains($"$labels.{subject}", description, StringComparison.Ordinal);
            }
        }
    }

    [Theory]
    [MemberData(nameof(RequiredAlerts))]
    public void Unit_tests_show_the_alert_both_firing_and_not_firing(string alert)
    {
        var checks = Yaml.List(Yaml.Load(RepoPaths.Of(RuleTests)), "tests")
            .SelectMany(test => Yaml.List(test, "alert_rule_test"))
            .Where(check => Yaml.Text(check, "alertname") == alert)
            .ToList();

        Assert.Contains(checks, check => Yaml.At(check, "exp_alerts") is List<object> { Count: 0 });
        Assert.Contains(checks, check => Yaml.At(check, "exp_alerts") is List<object> { Count: > 0 });
    }

    [Fact]
    public void PrometheusRule_manifest_carries_exactly_the_groups_of_alerts_yaml()
    {
        var fromFile = Yaml.At(Yaml.Load(RepoPaths.Of(Rules)), "groups");
        var manifest = Yaml.Load(RepoPaths.Of("deploy/kubernetes/prometheusrule.yaml"));

        Assert.Equal("PrometheusRule", Yaml.Text(manifest, "kind"));
        Assert.Equal(Yaml.Canonical(fromFile), Yaml.Canonical(Yaml.At(manifest, "spec.groups")));
    }

    private static IEnumerable<Dictionary<object, object>> AlertRules() =>
        Yaml.List(Yaml.Load(RepoPaths.Of(Rules)), "groups").SelectMany(group => Yaml.List(group, "rules"));
}
