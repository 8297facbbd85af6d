using System.Text.Json;
using System.Text.RegularExpressions;

namespace Deploy.Tests;

/// <summary>deploy/grafana/federation.json: structure, variables, layout and valid PromQL.</summary>
public sealed partial class DashboardTests
{
    private static readonly Lazy<JsonDocument> LazyDashboard =
        new(() => JsonDocument.Parse(File.ReadAllText(RepoPaths.Of("deploy/grafana/federation.json"))));

    private static JsonElement Dashboard => LazyDashboard.Value.RootElement;

    public static readonly TheoryData<string, string[]> RowMetrics = new()
    {
        {
            "Fleet",
            [
                "federation_members", "federation_member_probe_latency_seconds", "federation_reconcile_errors_total",
                "federation_fleet_unsurvivable_losses", "federation_member_loss_shortfall_replicas",
            ]
        },
        { "Members", ["federation_member_state", "federation_member_probe_latency_seconds"] },
        {
            "Applications",
            [
                "federation_application_desired_replicas", "federation_application_ready_replicas",
                "federation_application_floor_replicas", "federation_application_shortfall_replicas",
            ]
        },
        {
            "Migrations",
            [
                "federation_migrations_in_flight", "federation_migrations_started_total",
                "federation_migrations_finished_total", "federation_migration_duration_seconds",
                "federation_migration_replicas_moved_total", "federation_migration_stuck",
            ]
        },
    };

    [Fact]
    public void Dashboard_has_a_uid_a_title_and_a_current_schema_version()
    {
        Assert.Equal("federation", Dashboard.GetProperty("uid").GetString());
        Assert.False(string.IsNullOrWhiteSpace(Dashboard.GetProperty("title").GetString()));
        Assert.InRange(Dashboard.GetProperty("schemaVersion").GetInt32(), 36, 41);
    }

    [Fact]
    public void Rows_are_fleet_members_applications_migrations_in_that_order()
    {
        var rows = Panels().Where(p => Type(p) == "row").Select(p => p.GetProperty("title").GetString()).ToList();

        Assert.Equal(["Fleet", "Members", "Applications", "Migrations"], rows);
    }

    [Theory]
    [MemberData(nameof(RowMetrics))]
    public void Row_shows_its_metrics(string row, string[] metrics)
    {
        var expressions = PanelsOfRow(row).SelectMany(Expressions).ToList();

        Assert.Empty(metrics.Except(MetricNames.UsedIn(expressions)));
    }

    [Fact]
    public void Datasource_member_and_application_variables_are_defined()
    {
        var variables = Dashboard.GetProperty("templating").GetProperty("list").EnumerateArray()
            .ToDictionary(v => v.GetProperty("name").GetString()!, v => v);

        Assert.Equal("datasource", Type(variables["datasource"]));
        Assert.Equal("prometheus", variables["datasource"].GetProperty("query").GetString());
        Assert.Equal("label_values(federation_member_state, member)", variables["member"].GetProperty("definition").GetString());
        Assert.Equal("label_values(federation_application_replicas, application)", variables["application"].GetProperty("definition").GetString());
        Assert.All(new[] { variables["member"], variables["application"] }, v =>
        {
            Assert.Equal("query", Type(v));
            Assert.Equal("${datasource}", v.GetProperty("datasource").GetProperty("uid").GetString());
        });
    }

    [Fact]
    public void Every_panel_and_query_uses_the_datasource_variable()
    {
        foreach (var panel in Panels().Where(p => Type(p) != "row"))
        {
            Assert.Equal("${datasource}", panel.GetProperty("datasource").GetProperty("uid").GetString());
            var targets = panel.GetProperty("targets").EnumerateArray().ToList();
            Assert.NotEmpty(targets);
            Assert.All(targets, t => Assert.Equal("${datasource}", t.GetProperty("datasource").GetProperty("uid").GetString()));
        }
    }

    [Fact]
    public void Panels_have_unique_ids_and_do_not_overlap_on_the_24_column_grid()
    {
        var panels = Panels().ToList();
        Assert.Equal(panels.Count, panels.Select(p => p.GetProperty("id").GetInt32()).Distinct().Count());

        var boxes = panels.Select(p => (Title: p.GetProperty("title").GetString(), Box: Grid(p))).ToList();
        foreach (var (title, box) in boxes)
        {
            Assert.True(box.X >= 0 && box.W > 0 && box.X + box.W <= 24, $"{title} is outside the grid: {box}");
        }

        for (var i = 0; i < boxes.Count; i++)
        {
            for (var j = i + 1; j < boxes.Count; j++)
            {
                var (a, b) = (boxes[i].Box, boxes[j].Box);
                var overlap = a.X < b.X + b.W && b.X < a.X + a.W && a.Y < b.Y + b.H && b.Y < a.Y + a.H;
                Assert.False(overlap, $"panels '{boxes[i].Title}' and '{boxes[j].Title}' overlap");
            }
        }
    }

    [Fact]
    public async Task Every_dashboard_query_is_valid_promql()
    {
        // promtool has no expression checker of its own, so each query becomes a
        // recording rule, with the Grafana variables replaced by plausible values.
        var queries = Panels().SelectMany(p => p.TryGetProperty("targets", out var t)
                ? t.EnumerateArray().Select(target => (Panel: p.GetProperty("id").GetInt32(), Ref: target.GetProperty("refId").GetString(), Expr: target.GetProperty("expr").GetString()!))
                : [])
            .ToList();
        Assert.NotEmpty(queries);
        var rules = string.Concat(queries.Select(q =>
            $"      - record: dashboard:panel_{q.Panel}:{q.Ref}\n        expr: {JsonSerializer.Serialize(Substitute(q.Expr))}\n"));
        var file = Path.Combine(Path.GetTempPath(), $"federation-dashboard-{Guid.NewGuid():N}.rules.yaml");
        await File.WriteAllTextAsync(file, "groups:\n  - name: dashboard\n    rules:\n" + rules);
        try
        {
            var result = await Promtool.RunAsync("check", "rules", file);

            Assert.True(result.ExitCode == 0, $"a dashboard query is not valid PromQL:\n{result}");
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Substitute(string expr) =>
        TemplateVariable().Replace(GrafanaInterval().Replace(expr, "5m"), ".*");

    private static IEnumerable<JsonElement> Panels() => Dashboard.GetProperty("panels").EnumerateArray();

    private static IEnumerable<JsonElement> PanelsOfRow(string row) =>
        Panels()
            .SkipWhile(p => !(Type(p) == "row" && p.GetProperty("title").GetString() == row))
            .Skip(1)
            .TakeWhile(p => Type(p) != "row");

    private static IEnumerable<string> Expressions(JsonElement panel) =>
        panel.GetProperty("targets").EnumerateArray().Select(t => t.GetProperty("expr").GetString() ?? "");

    private static string? Type(JsonElement element) => element.GetProperty("type").GetString();

    private static (int X, int Y, int W, int H) Grid(JsonElement panel)
    {
        var grid = panel.GetProperty("gridPos");
        return (grid.GetProperty("x").GetInt32(), grid.GetProperty("y").GetInt32(), grid.GetProperty("w").GetInt32(), grid.GetProperty("h").GetInt32());
    }

    [GeneratedRegex(@"\$__\w+")]
    private static partial Regex GrafanaInterval();

    [GeneratedRegex(@"\$\{?\w+\}?")]
    private static partial Regex TemplateVariable();
}
