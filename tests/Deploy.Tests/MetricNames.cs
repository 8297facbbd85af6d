using System.Text.Json;
using System.Text.RegularExpressions;

namespace Deploy.Tests;

/// <summary>Metric names as written in the metrics source, the alert rules and the dashboard.</summary>
internal static partial class MetricNames
{
    public const string MetricsSource = "src/Federation/Observability/FederationMetrics.cs";

    /// <summary>Names in string literals of FederationMetrics.cs: what the host exports.</summary>
    public static IReadOnlySet<string> Defined() =>
        QuotedName().Matches(File.ReadAllText(RepoPaths.Of(MetricsSource)))
            .Select(m => m.Groups[1].Value)
            .ToHashSet(StringComparer.Ordinal);

    /// <summary>Names used in PromQL text, with histogram series suffixes stripped.</summary>
    public static IReadOnlySet<string> UsedIn(IEnumerable<string> expressions) =>
        expressions
            .SelectMany(expr => Name().Matches(expr).Select(m => m.Value))
            .Select(StripSeriesSuffix)
            .ToHashSet(StringComparer.Ordinal);

    public static IEnumerable<string> AlertExpressions() =>
        Yaml.List(Yaml.Load(RepoPaths.Of("deploy/prometheus/alerts.yaml")), "groups")
            .SelectMany(group => Yaml.List(group, "rules"))
            .Select(rule => Yaml.Text(rule, "expr") ?? "");

    /// <summary>Every PromQL query of the dashboard: panel targets and template variables.</summary>
    public static IEnumerable<string> DashboardExpressions()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(RepoPaths.Of("deploy/grafana/federation.json")));
        var expressions = new List<string>();
        foreach (var panel in dashboard.RootElement.GetProperty("panels").EnumerateArray())
        {
            if (panel.TryGetProperty("targets", out var targets))
            {
                expressions.AddRange(targets.EnumerateArray().Select(t => t.GetProperty("expr").GetString() ?? ""));
            }
        }

        foreach (var variable in dashboard.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray())
        {
            if (variable.TryGetProperty("definition", out var definition))
            {
                expressions.Add(definition.GetString() ?? "");
            }
        }

        return expressions;
    }

    public static string StripSeriesSuffix(string name)
    {
        foreach (var suffix in new[] { "_bucket", "_sum", "_count" })
        {
            if (name.EndsWith(suffix, StringComparison.Ordinal))
            {
                return name[..^suffix.Length];
            }
        }

        return name;
    }

    [GeneratedRegex("\"(federation_[a-z0-9_]+)\"")]
    private static partial Regex QuotedName();

    [GeneratedRegex(@"\bfederation_[a-z0-9_]+")]
    private static partial Regex Name();
}
