using System.CommandLine;
using System.Globalization;
using Federation.Api;
using Federation.Grains;
using Federation.Membership;

namespace Federation.Cli;

/// <summary>
/// <c>clusters cordon|uncordon|drain|retire|maintain NAME</c>: POST the action; drain and
/// retire can <c>--wait</c> until the member is empty, showing the replicas as they move.
/// </summary>
internal static class ClusterActionCommands
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    public static IEnumerable<Command> Create(CliContext context)
    {
        yield return Simple(context, "cordon", "Stop placing new replicas on a member; it keeps the ones it has");
        yield return Simple(context, "uncordon", "Let a cordoned or draining member receive replicas again");
        yield return Emptying(context, "drain", "Move every replica off a member gracefully (it stays joined)");
        yield return Emptying(context, "retire", "Drain a member and take it out of scheduling for good, ready to unjoin");
        yield return Maintain(context);
    }

    private static Command Simple(CliContext context, string action, string description)
    {
        var (command, name, connection, output) = Base(context, action, description);
        command.SetClientAction(context, async (result, ct) =>
        {
            using var client = connection.Connect(result);
            await PostAsync(context, client, result.GetValue(name)!, action, null, result.GetValue(output), ct);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Emptying(CliContext context, string action, string description)
    {
        var (command, name, connection, output) = Base(context, action, description);
        var wait = new Option<bool>("--wait") { Description = "Wait until the member holds no replicas, showing progress" };
        var timeout = new Option<string>("--timeout")
        {
            Description = "How long --wait waits (e.g. 90s, 10m, 1h); exit 3 when it runs out",
            HelpName = "DURATION",
            DefaultValueFactory = _ => "10m",
        };
        var at = new Option<string?>("--at")
        {
            Description = $"Schedule the {action} for a time with an explicit offset (e.g. 2026-12-01T02:00:00Z) instead of now",
            HelpName = "TIME",
        };
        var blockedTimeout = new Option<string>("--blocked-timeout")
        {
            Description = $"With --wait: stop early, exit {ExitCodes.Blocked}, when every replica left has been blocked this long (no member has room, or none is eligible), printing what blocks each application and what a plan says would unblock it",
            HelpName = "DURATION",
            DefaultValueFactory = _ => "60s",
        };
        var report = new Option<string?>("--report")
        {
            Description = "With --wait: write the decommission report when the wait ends (.json, .md, or .svg for the chart of ready replicas against the floor) and print its summary",
            HelpName = "FILE",
        };
        command.Options.Add(wait);
        command.Options.Add(report);
        command.Options.Add(timeout);
        command.Options.Add(blockedTimeout);
        command.Options.Add(at);
        command.SetClientAction(context, async (result, ct) =>
        {
            var cluster = result.GetValue(name)!;
            ReportFile.Check(result.GetValue(report), result.GetValue(wait));
            if (result.GetValue(at) is { } when)
            {
                if (result.GetValue(wait))
                {
                    throw new CliInputException("--wait and --at do not go together: a scheduled action runs later, on the host");
                }

                using var scheduler = connection.Connect(result);
                return await SchedulesCommand.PostAsync(context, scheduler, cluster, SchedulesCommand.At(action, when), result.GetValue(output), ct);
            }

            if (!Durations.TryParse(result.GetValue(timeout), out var limit))
            {
                throw new CliInputException($"--timeout: '{result.GetValue(timeout)}' is not a duration like 90s, 10m or 1h");
            }

            if (!Durations.TryParse(result.GetValue(blockedTimeout), out var blockedLimit))
            {
                throw new CliInputException($"--blocked-timeout: '{result.GetValue(blockedTimeout)}' is not a duration like 60s or 5m");
            }

            using var client = connection.Connect(result);
            if (!result.GetValue(wait))
            {
                await PostAsync(context, client, cluster, action, null, result.GetValue(output), ct);
                return ExitCodes.Success;
            }

            // The replicas on the member before the action are the 100% of the progress bars.
            var before = await client.GetAsync<ClusterView>(ClustersCommand.Path(cluster), ct);
            var started = context.Time.GetUtcNow();
            await PostAsync(context, client, cluster, action, null, "table", ct);
            var tracker = new DrainTracker(cluster, MemberActions.Find(action)!.Emptying, started, limit, DrainTracker.DefaultStuckGrace(limit), blockedLimit);
            tracker.Baseline(before.Value);
            var exit = await new DrainWatcher(context, client, cluster).WatchAsync(tracker, ct);
            return result.GetValue(report) is { } file ? await ReportFile.WriteAsync(context, client, cluster, file, exit, ct) : exit;
        });
        return command;
    }

    private static Command Maintain(CliContext context)
    {
        var (command, name, connection, output) = Base(context, "maintain", "Open a maintenance window: probe failures do not fail over, no new replicas");
        var until = new Option<string?>("--until") { Description = "End of the window, e.g. 2026-11-25T14:00:00Z (UTC unless an offset is given)", HelpName = "TIME" };
        var duration = new Option<string?>("--for") { Description = "Length of the window from now, e.g. 2h or 90m", HelpName = "DURATION" };
        var cron = new Option<string?>("--cron") { Description = "Repeat the window on a Quartz cron expression, e.g. \"0 0 2 ? * SUN\"", HelpName = "EXPR" };
        var zone = new Option<string?>("--time-zone") { Description = "Time zone of --cron (default UTC), e.g. Europe/Berlin", HelpName = "TZ" };
        command.Options.Add(until);
        command.Options.Add(duration);
        command.Options.Add(cron);
        command.Options.Add(zone);
        command.SetClientAction(context, async (result, ct) =>
        {
            if (result.GetValue(cron) is { } expression)
            {
                var schedule = SchedulesCommand.Cron(expression, result.GetValue(zone), result.GetValue(duration));
                using var scheduler = connection.Connect(result);
                return await SchedulesCommand.PostAsync(context, scheduler, result.GetValue(name)!, schedule, result.GetValue(output), ct);
            }

            var request = MaintainRequest(result.GetValue(until), result.GetValue(duration));
            using var client = connection.Connect(result);
            await PostAsync(context, client, result.GetValue(name)!, "maintain", request, result.GetValue(output), ct);
            return ExitCodes.Success;
        });
        return command;
    }

    public static MaintainRequest MaintainRequest(string? until, string? duration)
    {
        if (until is null == (duration is null))
        {
            throw new CliInputException("clusters maintain needs exactly one of --until TIME or --for DURATION");
        }

        if (duration is not null)
        {
            return Durations.TryParse(duration, out _)
                ? new MaintainRequest(null, duration.Trim())
                : throw new CliInputException($"--for: '{duration}' is not a duration like 2h or 90m");
        }

        return DateTimeOffset.TryParse(until, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var end)
            ? new MaintainRequest(end, null)
            : throw new CliInputException($"--until: '{until}' is not a time like 2026-11-25T14:00:00Z");
    }

    private static async Task PostAsync(CliContext context, FederationClient client, string cluster, string action, object? body, string? output, CancellationToken ct)
    {
        var answer = await client.SendAsync<ClusterView>(HttpMethod.Post, $"{ClustersCommand.Path(cluster)}/{action}", body, ct);
        CliOutput.Print(context, output, answer, w =>
        {
            var view = answer.Value;
            var until = view.MaintenanceUntil is { } end ? $" until {Units.Time(end)}" : "";
            w.WriteLine($"cluster {view.Name}: {view.State}{until}");
        });
    }

    private static (Command Command, Argument<string> Name, ConnectionOptions Connection, Option<string> Output) Base(
        CliContext context, string action, string description)
    {
        var command = new Command(action, description);
        var name = new Argument<string>("name") { Description = "Member cluster name" };
        var connection = new ConnectionOptions(context);
        var output = ConnectionOptions.Output();
        command.Arguments.Add(name);
        connection.AddTo(command);
        command.Options.Add(output);
        return (command, name, connection, output);
    }
}
