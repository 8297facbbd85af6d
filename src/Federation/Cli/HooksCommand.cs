using System.CommandLine;
using Federation.Grains;

namespace Federation.Cli;

/// <summary><c>hooks test NS/NAME</c>: calls each hook of the application with a sample payload and prints the answers.</summary>
internal static class HooksCommand
{
    public static Command Create(CliContext context)
    {
        var hooks = new Command("hooks", "Hooks around moves: check a runbook's endpoints");
        var test = new Command("test", "Call each hook of NAMESPACE/NAME with a sample payload and print the answers; exit 4 when one failed");
        var application = new Argument<string>("application") { Description = "NAMESPACE/NAME", HelpName = "NS/NAME" };
        var connection = new ConnectionOptions(context);
        var output = ConnectionOptions.Output();
        test.Arguments.Add(application);
        connection.AddTo(test);
        test.Options.Add(output);
        test.SetClientAction(context, async (result, ct) =>
        {
            var (ns, name) = ApplicationName.Split(result.GetValue(application)!);
            using var client = connection.Connect(result);
            var answer = await client.SendAsync<List<HookTestView>>(
                HttpMethod.Post, $"api/v1/namespaces/{Uri.EscapeDataString(ns)}/applications/{Uri.EscapeDataString(name)}/hooks/test", null, ct);
            CliOutput.Print(context, result.GetValue(output), answer, w => Write(w, answer.Value));
            return answer.Value.All(h => h.Succeeded) ? ExitCodes.Success : ExitCodes.Failed;
        });
        hooks.Subcommands.Add(test);
        return hooks;
    }

    private static void Write(TextWriter writer, IReadOnlyList<HookTestView> hooks)
    {
        if (hooks.Count == 0)
        {
            writer.WriteLine("No hooks are configured for this application (nor fleet-wide).");
            return;
        }

        var table = new TextTable("HOOK", "URL", "RESULT", "TRIES", "ANSWER");
        foreach (var h in hooks)
        {
            table.Add(h.Hook.ToString(), h.Url, h.Succeeded ? "ok" : "FAILED", $"{h.Tries}", h.Answer);
        }

        table.WriteTo(writer);
    }
}
