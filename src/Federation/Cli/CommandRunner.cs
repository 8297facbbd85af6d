using System.CommandLine;

namespace Federation.Cli;

/// <summary>Runs a verb's body and turns its failures into the contract's exit codes and stderr lines.</summary>
internal static class CommandRunner
{
    public static void SetClientAction(this Command command, CliContext context, Func<ParseResult, CancellationToken, Task<int>> body) =>
        command.SetAction((result, ct) => RunAsync(context, () => body(result, ct)));

    public static async Task<int> RunAsync(CliContext context, Func<Task<int>> body)
    {
        try
        {
            return await body();
        }
        catch (CliInputException ex)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Refused;
        }
        catch (FederationApiException ex)
        {
            foreach (var line in ex.Problem.Lines())
            {
                await context.Error.WriteLineAsync(line);
            }

            return ex.IsRefusal ? ExitCodes.Refused : ExitCodes.Unavailable;
        }
        catch (FederationUnavailableException ex)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Unavailable;
        }
    }
}
