using System.CommandLine;
using Federation.Grains;

namespace Federation.Cli;

/// <summary><c>events [--application NS/NAME] [--cluster NAME] [--limit N]</c>: the decision history, newest first.</summary>
internal static class EventsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("events", "Show the decision history: placements, migrations, failovers and why");
        var application = new Option<string?>("--application", "-a") { Description = "Only events of NAMESPACE/NAME", HelpName = "NS/NAME" };
        var cluster = new Option<string?>("--cluster", "-c") { Description = "Only events involving this member", HelpName = "NAME" };
        var limit = new Option<int>("--limit", "-n") { Description = "At most this many events", HelpName = "N", DefaultValueFactory = _ => 100 };
        var connection = new ConnectionOptions(context);
        var output = ConnectionOptions.Output();
        command.Options.Add(application);
        command.Options.Add(cluster);
        command.Options.Add(limit);
        connection.AddTo(command);
        command.Options.Add(output);
        command.SetClientAction(context, async (result, ct) =>
        {
            var query = new List<string>();
            if (result.GetValue(application) is { } app)
            {
                var (ns, name) = ApplicationName.Split(app);
                query.Add($"application={Uri.EscapeDataString($"{ns}/{name}")}");
            }

            if (result.GetValue(cluster) is { } member)
            {
                query.Add($"cluster={Uri.EscapeDataString(member)}");
            }

            var count = result.GetValue(limit);
            if (count <= 0)
            {
                throw new CliInputException($"--limit: {count} is not a positive number");
            }

            query.Add($"limit={count}");
            using var client = connection.Connect(result);
            var answer = await client.GetAsync<List<EventView>>("api/v1/events?" + string.Join("&", query), ct);
            CliOutput.Print(context, result.GetValue(output), answer, w => Write(w, answer.Value));
            return ExitCodes.Success;
        });
        return command;
    }

    private static void Write(TextWriter writer, IReadOnlyList<EventView> events)
    {
        if (events.Count == 0)
        {
            writer.WriteLine("No events.");
            return;
        }

        var table = new TextTable("TIME", "KIND", "APPLICATION", "FROM", "TO", "REPLICAS", "MESSAGE");
        foreach (var e in events)
        {
            var message = string.IsNullOrEmpty(e.Reason) || e.Message.Contains(e.Reason, StringComparison.Ordinal)
                ? e.Message
                : $"{e.Reason}: {e.Message}";
            table.Add(Units.Time(e.Time), e.Kind, e.Application ?? e.Cluster, e.From, e.To, e.Replicas == 0 ? null : $"{e.Replicas}", message);
        }

        table.WriteTo(writer);
    }
}
