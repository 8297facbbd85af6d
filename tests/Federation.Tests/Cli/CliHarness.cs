using System.CommandLine;
using Federation.Cli;
using Spectre.Console;

namespace Federation.Tests.Cli;

/// <summary>Runs client verbs in-process with captured output, a given environment and a manual clock.</summary>
internal sealed class CliHarness
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);

    public CliHarness(Dictionary<string, string>? environment = null)
    {
        Environment = environment ?? [];
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
            Out = new AnsiConsoleOutput(Out),
        });
        Context = new CliContext(
            console,
            Out,
            Error,
            name => Environment.GetValueOrDefault(name),
            Clock,
            (delay, _) =>
            {
                Clock.Advance(delay);
                return Task.CompletedTask;
            },
            TimeSpan.FromMilliseconds(500));
    }

    public Dictionary<string, string> Environment { get; }

    public StringWriter Out { get; } = new();

    public StringWriter Error { get; } = new();

    public ManualClock Clock { get; } = new(Start);

    public CliContext Context { get; }

    public async Task<int> RunAsync(params string[] args)
    {
        var root = new RootCommand("federation (test)");
        foreach (var command in ClientCommands.Create(Context))
        {
            root.Subcommands.Add(command);
        }

        return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = Out, Error = Error });
    }
}
