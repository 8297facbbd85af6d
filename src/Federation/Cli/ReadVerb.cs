using System.CommandLine;

namespace Federation.Cli;

/// <summary>
/// The shape every read-only verb shares: optional NAME argument, connection options, <c>-o</c>,
/// one GET, then a table or the raw JSON.
/// </summary>
internal static class ReadVerb
{
    public static Command Create<T>(
        CliContext context,
        string verb,
        string description,
        Argument<string>? argument,
        Func<string?, string> path,
        Action<TextWriter, T> print)
    {
        var command = new Command(verb, description);
        var connection = new ConnectionOptions(context);
        var output = ConnectionOptions.Output();
        if (argument is not null)
        {
            command.Arguments.Add(argument);
        }

        connection.AddTo(command);
        command.Options.Add(output);
        command.SetClientAction(context, async (result, ct) =>
        {
            var target = path(argument is null ? null : result.GetValue(argument));
            using var client = connection.Connect(result);
            var answer = await client.GetAsync<T>(target, ct);
            CliOutput.Print(context, result.GetValue(output), answer, w => print(w, answer.Value));
            return ExitCodes.Success;
        });
        return command;
    }
}
