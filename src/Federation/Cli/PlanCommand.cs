using System.CommandLine;
using Federation.Api;
using Federation.Cli.Export;

namespace Federation.Cli;

/// <summary>
/// <c>plan</c>: what would happen if members were retired, drained, cordoned or added, or applications scaled;
/// with <c>--survive 1|2</c>, what each loss of a member (or label value) would leave unplaced. Nothing changes.
/// </summary>
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
        var survive = new Option<int?>("--survive") { Description = "Survivability: every single loss (1) or every pair of losses (2)", HelpName = "1|2" };
        survive.AcceptOnlyFromAmong("1", "2");
        var by = new Option<string>("--by")
        {
            Description = "With --survive: lose members one by one (member) or by a label's value (region, zone, any label key)",
            HelpName = "member|region|zone|LABEL",
            DefaultValueFactory = _ => "member",
        };
        var connection = new ConnectionOptions(context);
        var output = PlanFormats.Option();
        foreach (var option in new[] { retire, drain, cordon, add, scale })
        {
            command.Options.Add(option);
        }

        command.Options.Add(survive);
        command.Options.Add(by);

        connection.AddTo(command);
        command.Options.Add(output);
        command.SetClientAction(context, async (result, ct) =>
        {
            if (result.GetValue(survive) is { } losses)
            {
                // A survivability plan asks about the fleet as it is: hypothetical changes would answer another question.
                if (new[] { retire, drain, cordon, add, scale }.FirstOrDefault(o => result.GetValue(o) is { Length: > 0 }) is { } other)
                {
                    throw new CliInputException($"--survive evaluates the fleet as it is; drop {other.Name} (or plan the change first, then ask about losses)");
                }

                return await SurviveAsync(context, result, connection, losses, result.GetValue(by)!, result.GetValue(output), ct);
            }

            var request = new PlanRequest(
                NullIfEmpty(result.GetValue(retire)),
                NullIfEmpty(result.GetValue(drain)),
                NullIfEmpty(result.GetValue(cordon)),
                NullIfEmpty(result.GetValue(add)?.Select(PlanArguments.ParseAdd).ToList()),
                NullIfEmpty(result.GetValue(scale)?.Select(PlanArguments.ParseScale).ToList()));
            using var client = connection.Connect(result);
            var answer = await client.SendAsync<PlanResult>(HttpMethod.Post, "api/v1/plans", request, ct);
            PlanFormats.Print(context, result.GetValue(output), answer.Json, () => PlanSheets.WhatIf(answer.Value), () => PlanPrinter.Write(context, answer.Value));
            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<int> SurviveAsync(
        CliContext context, ParseResult result, ConnectionOptions connection, int survive, string by, string? output, CancellationToken ct)
    {
        using var client = connection.Connect(result);
        var answer = await client.SendAsync<SurvivabilityResult>(HttpMethod.Post, "api/v1/plans/survivability", new SurvivabilityRequest(survive, by), ct);
        PlanFormats.Print(context, output, answer.Json, () => PlanSheets.Survivability(answer.Value), () => SurvivabilityPrinter.Write(context, answer.Value));
        return ExitCodes.Success;
    }

    private static Option<string[]> Repeatable(string name, string helpName, string description) =>
        new(name) { Description = description, HelpName = helpName, DefaultValueFactory = _ => [] };

    private static List<T>? NullIfEmpty<T>(IEnumerable<T>? items) =>
        items?.ToList() is { Count: > 0 } list ? list : null;
}
