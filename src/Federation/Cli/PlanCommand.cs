using System.CommandLine;
using Federation.Api;

namespace Federation.Cli;

/// <summary><c>plan</c>: what would happen if members were retired, drained, cordoned or added, or applications scaled. Nothing changes.</summary>
internal static class PlanCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("plan", "What-if: evaluate retiring, draining, cordoning or adding members and scaling applications; nothing changes");
        var retire = Repeatable("--retire", "NAME", "A member to retire (repeatable)");
        var drain = Repeatable("--drain", "NAME", "A member to drain (repeatable)");
        var cordon = Repeatable("--cordon", "NAME", "A member to cordon (repeatable)");
        var add = Repeatable("--add", "SPEC", "A member to add: name=x,nodes=3,cpu=8,memory=32Gi,labels=region:eu;zone:a (repeatable)");
        var scale = Repeatable("--scale", "NS/NAME=N", "An application scaled: NAMESPACE/NAME=REPLICAS (repeatable)");
        var connection = new ConnectionOptions(context);
        var output = ConnectionOptions.Output();
        foreach (var option in new[] { retire, drain, cordon, add, scale })
        {
            command.Options.Add(option);
        }

        connection.AddTo(command);
        command.Options.Add(output);
        command.SetClientAction(context, async (result, ct) =>
        {
            var request = new PlanRequest(
                NullIfEmpty(result.GetValue(retire)),
                NullIfEmpty(result.GetValue(drain)),
                NullIfEmpty(result.GetValue(cordon)),
                NullIfEmpty(result.GetValue(add)?.Select(PlanArguments.ParseAdd).ToList()),
                NullIfEmpty(result.GetValue(scale)?.Select(PlanArguments.ParseScale).ToList()));
            using var client = connection.Connect(result);
            var answer = await client.SendAsync<PlanResult>(HttpMethod.Post, "api/v1/plans", request, ct);
            CliOutput.Print(context, result.GetValue(output), answer, _ => PlanPrinter.Write(context, answer.Value));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Option<string[]> Repeatable(string name, string helpName, string description) =>
        new(name) { Description = description, HelpName = helpName, DefaultValueFactory = _ => [] };

    private static List<T>? NullIfEmpty<T>(IEnumerable<T>? items) =>
        items?.ToList() is { Count: > 0 } list ? list : null;
}
