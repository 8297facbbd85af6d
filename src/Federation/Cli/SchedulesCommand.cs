using System.CommandLine;
using System.Globalization;
using Federation.Api;
using Federation.Grains;

namespace Federation.Cli;

/// <summary>
/// <c>schedules list|cancel ID</c>, and the request behind <c>clusters drain|retire NAME --at TIME</c>
/// and <c>clusters maintain NAME --cron EXPR --time-zone TZ --for DURATION</c>.
/// </summary>
internal static class SchedulesCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("schedules", "Scheduled drains, retirements and maintenance windows");
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Cancel(context));
        return command;
    }

    /// <summary>A one-off drain or retire at a time; the time must carry its offset (Z or +01:00).</summary>
    public static ScheduleRequest At(string action, string at) =>
        DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) && HasOffset(at)
            ? new ScheduleRequest(action, time, null, null, null)
            : throw new CliInputException($"--at: '{at}' is not a time with an explicit offset, like 2026-12-01T02:00:00Z or 2026-12-01T03:00:00+01:00");

    public static ScheduleRequest Cron(string cron, string? timeZone, string? duration)
    {
        if (duration is null || !Durations.TryParse(duration, out _))
        {
            throw new CliInputException($"--for: a maintenance window on --cron needs its length, like 2h (got '{duration}')");
        }

        return new ScheduleRequest("maintain", null, cron, timeZone ?? "UTC", duration.Trim());
    }

    public static async Task<int> PostAsync(CliContext context, FederationClient client, string cluster, ScheduleRequest request, string? output, CancellationToken ct)
    {
        var answer = await client.SendAsync<ScheduleRecord>(HttpMethod.Post, $"{ClustersCommand.Path(cluster)}/schedules", request, ct);
        CliOutput.Print(context, output, answer, w =>
            w.WriteLine($"scheduled {answer.Value.Action} of {cluster} (id {answer.Value.Id}), next {Next(answer.Value)}"));
        return ExitCodes.Success;
    }

    private static Command List(CliContext context) => ReadVerb.Create<List<ScheduleRecord>>(
        context, "list", "List schedules with their next firing", null, _ => "api/v1/schedules", (w, schedules) =>
        {
            var table = new TextTable("ID", "CLUSTER", "ACTION", "WHEN", "TIME-ZONE", "FOR", "NEXT", "LAST");
            foreach (var s in schedules)
            {
                table.Add(s.Id, s.Cluster, s.Action, s.Cron ?? (s.At is { } at ? Units.Time(at) : ""), s.TimeZone,
                    s.Duration?.ToString(), Next(s), s.LastFiredFor is { } last ? Units.Time(last) : null);
            }

            if (table.Count == 0)
            {
                w.WriteLine("No schedules.");
            }
            else
            {
                table.WriteTo(w);
            }
        });

    private static Command Cancel(CliContext context)
    {
        var command = new Command("cancel", "Cancel a schedule");
        var id = new Argument<string>("id") { Description = "Schedule id (see schedules list)" };
        var connection = new ConnectionOptions(context);
        command.Arguments.Add(id);
        connection.AddTo(command);
        command.SetClientAction(context, async (result, ct) =>
        {
            using var client = connection.Connect(result);
            await client.SendRawAsync(HttpMethod.Delete, $"api/v1/schedules/{Uri.EscapeDataString(result.GetValue(id)!)}", null, ct);
            context.Out.WriteLine($"schedule {result.GetValue(id)} cancelled");
            return ExitCodes.Success;
        });
        return command;
    }

    private static string Next(ScheduleRecord s) => s.NextFireAt is { } next ? Units.Time(next) : "done";

    private static bool HasOffset(string text)
    {
        var t = text.Trim();
        return t.EndsWith('Z') || t.EndsWith('z') || (t.Length > 6 && (t[^6] is '+' or '-') && t[^3] == ':');
    }
}
