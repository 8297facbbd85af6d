using System.CommandLine;
using System.Text.Json;
using System.Xml.Linq;
using Federation.Cli;
using Spectre.Console;

namespace Federation.Tests.ControlPlane;

/// <summary><c>clusters drain NAME --wait --report FILE</c> against a real host and simulated members.</summary>
public sealed class DecommissionReportCliTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    [Theory]
    [InlineData(".md")]
    [InlineData(".json")]
    [InlineData(".svg")]
    public async Task Drain_wait_report_writes_the_report_by_its_extension_and_prints_its_summary(string extension)
    {
        await using var hooks = await HookServer.StartAsync();
        await using var fleet = await Fleet.StartAsync(names: ["east", "west"], configure: o => o.Hooks =
        [
            new Federation.Grains.HookSpec(Federation.Hooks.HookKind.BeforeScaleDown, hooks.Url.ToString(), HookServer.Secret, TimeSpan.FromSeconds(5), 0, Federation.Hooks.HookFailurePolicy.Fail),
            new Federation.Grains.HookSpec(Federation.Hooks.HookKind.AfterDrain, hooks.Url.ToString(), HookServer.Secret, TimeSpan.FromSeconds(5), 0, Federation.Hooks.HookFailurePolicy.Ignore),
        ]);
        await fleet.JoinAllAsync();
        foreach (var (name, replicas) in new[] { ("web", 4), ("api", 2) })
        {
            (await fleet.PutApplicationAsync("default", name, new { replicas, template = Fleet.Template(name), placement = new { strategy = "Weighted" }, migration = new { stepSize = 1 } })).EnsureSuccessStatusCode();
        }

        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "web") == 4 && fleet.ReadyTotal("default", "api") == 2 && fleet["east"].SpecReplicas("default", "web") == 2 && fleet["east"].SpecReplicas("default", "api") == 1, Deadline, "both applications ready, spread over east and west");
        var file = Path.Combine(fleet.DataDir, "report" + extension);
        var (cli, output, error) = Client(fleet);

        var exit = await cli(["clusters", "drain", "east", "--wait", "--timeout", "60s", "--report", file]);

        Assert.True(exit == 0, error.ToString());
        var text = await File.ReadAllTextAsync(file);
        switch (extension)
        {
            case ".md":
                Assert.Contains("### Drain of east: completed in", text, StringComparison.Ordinal);
                Assert.Matches(@"\| default/api \| 1/1 \| west \|", text);
                Assert.Matches(@"\| default/web \| 2/2 \| west \|", text);
                Assert.Contains("### Hooks called", text, StringComparison.Ordinal);
                Assert.Matches(@"\| default/web \| BeforeScaleDown \| east \| 2 -> 1 \| 1 \| Succeeded \| 200 ok \|", text);
                Assert.Matches(@"\| - \| AfterDrain \| east \| - \| 1 \| Succeeded \| 200 ok \|", text);
                break;
            case ".json":
                using (var json = JsonDocument.Parse(text))
                {
                    Assert.Equal("Completed", json.RootElement.GetProperty("outcome").GetString());
                    Assert.Equal(["default/api", "default/web"], json.RootElement.GetProperty("applications").EnumerateArray().Select(a => a.GetProperty("application").GetString()));
                    Assert.Equal(3, json.RootElement.GetProperty("summary").GetProperty("replicasMoved").GetInt32());
                }

                break;
            default:
                XNamespace svg = "http://www.w3.org/2000/svg";
                var series = XDocument.Parse(text).Descendants(svg + "g").Where(g => (string?)g.Attribute("class") == "series").Select(g => (string?)g.Attribute("data-series"));
                Assert.Equal(["total", "default/api", "default/web"], series);
                break;
        }

        // The summary at the end: the outcome, the floor, a row per application, where the file went.
        var printed = output.ToString();
        Assert.Contains("Drain of east: completed in", printed, StringComparison.Ordinal);
        Assert.Contains("3 replica(s) moved", printed, StringComparison.Ordinal);
        Assert.Contains("every application stayed at or above its floor", printed, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^default/web\s+2/2\s+west\s", printed);
        Assert.Contains($"report written to {file}", printed, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("report.pdf", "--wait", "must end in .json, .md or .svg")]
    [InlineData("report.md", "--at", "--report goes with --wait")]
    public async Task A_bad_report_flag_is_refused_before_anything_is_sent(string file, string flag, string message)
    {
        var (cli, _, error) = Client(null);
        string[] timing = flag == "--at" ? ["--at", "2030-01-01T00:00:00Z"] : ["--wait"];

        var exit = await cli(["clusters", "drain", "east", .. timing, "--report", file, "--server", "http://127.0.0.1:9"]);

        Assert.Equal(1, exit);
        Assert.Contains(message, error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>The real verbs on the real clock, with their output captured.</summary>
    private static (Func<string[], Task<int>> Run, StringWriter Out, StringWriter Error) Client(Fleet? fleet)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Ansi = AnsiSupport.No, ColorSystem = ColorSystemSupport.NoColors, Interactive = InteractionSupport.No, Out = new AnsiConsoleOutput(output) });
        var environment = new Dictionary<string, string>();
        if (fleet is not null)
        {
            environment["FEDERATION_SERVER"] = fleet.Url;
        }

        var context = new CliContext(console, output, error, environment.GetValueOrDefault, TimeProvider.System, (d, ct) => Task.Delay(d, ct), TimeSpan.FromMilliseconds(200));
        return (async args =>
        {
            var root = new RootCommand("federation (test)");
            foreach (var command in ClientCommands.Create(context))
            {
                root.Subcommands.Add(command);
            }

            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        }, output, error);
    }
}
