using System.CommandLine;
using Federation.Grains;

namespace Federation.Cli;

/// <summary><c>apps rollout status|pause|resume|promote|abort NS/NAME</c>: a progressive rollout, watched or steered.</summary>
internal static class RolloutCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("rollout", "Progressive rollouts: status (--wait follows it live), pause, resume, promote, abort");
        command.Subcommands.Add(Status(context));
        command.Subcommands.Add(Control(context, "pause", "Start no further member; members already started go on"));
        command.Subcommands.Add(Control(context, "resume", "Start members again after a pause"));
        command.Subcommands.Add(Control(context, "promote", "Skip the remaining soak of the current wave"));
        command.Subcommands.Add(Control(context, "abort", "Return every changed member to the previous template"));
        return command;
    }

    private static Command Control(CliContext context, string action, string description)
    {
        var command = new Command(action, description);
        var name = Application();
        var connection = new ConnectionOptions(context);
        command.Arguments.Add(name);
        connection.AddTo(command);
        command.SetClientAction(context, async (result, ct) =>
        {
            var (ns, app) = ApplicationName.Split(result.GetValue(name)!);
            using var client = connection.Connect(result);
            var answer = await client.SendAsync<ApplicationView>(HttpMethod.Post, $"{ApplicationName.Path(ns, app)}/rollout/{action}", null, ct);
            await context.Out.WriteLineAsync($"rollout of {ns}/{app}: {action} accepted");
            await context.Out.WriteAsync(RolloutPrinter.Render(answer.Value));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Status(CliContext context)
    {
        var command = new Command("status", $"Show waves, members and progress; with --wait follow it until it ends: exit 0 when it succeeded, {ExitCodes.Failed} when halted or rolled back, {ExitCodes.TimedOut} on timeout");
        var name = Application();
        var wait = new Option<bool>("--wait") { Description = "Follow the rollout live until it ends" };
        var timeout = new Option<string>("--timeout") { Description = "How long --wait waits (e.g. 10m)", HelpName = "DURATION", DefaultValueFactory = _ => "30m" };
        var connection = new ConnectionOptions(context);
        command.Arguments.Add(name);
        command.Options.Add(wait);
        command.Options.Add(timeout);
        connection.AddTo(command);
        command.SetClientAction(context, async (result, ct) =>
        {
            if (!Durations.TryParse(result.GetValue(timeout), out var limit))
            {
                throw new CliInputException($"--timeout: '{result.GetValue(timeout)}' is not a duration like 90s, 10m or 1h");
            }

            var (ns, app) = ApplicationName.Split(result.GetValue(name)!);
            using var client = connection.Connect(result);
            var deadline = context.Time.GetUtcNow() + limit;
            string? shown = null;
            while (true)
            {
                var view = (await client.GetAsync<ApplicationView>(ApplicationName.Path(ns, app), ct)).Value;
                var text = RolloutPrinter.Render(view);
                if (text != shown)
                {
                    // Live as plain lines: each change of a wave or member prints the rollout again.
                    await context.Out.WriteAsync(text);
                    shown = text;
                }

                var outcome = RolloutPrinter.Outcome(view.Rollout);
                if (!result.GetValue(wait) || outcome is not null)
                {
                    return result.GetValue(wait) ? outcome!.Value : ExitCodes.Success;
                }

                if (context.Time.GetUtcNow() >= deadline)
                {
                    await context.Error.WriteLineAsync($"timed out after {limit}: the rollout of {ns}/{app} is still {view.Rollout?.Phase}");
                    return ExitCodes.TimedOut;
                }

                await context.Delay(context.PollInterval, ct);
            }
        });
        return command;
    }

    private static Argument<string> Application() => new("application") { Description = "NAMESPACE/NAME (namespace defaults to default)" };
}
