using System.CommandLine;

namespace Federation.Tests.ControlPlane;

/// <summary>Runs the real CLI verbs in-process, as the executable would.</summary>
public static class Cli
{
    public static async Task<int> RunAsync(params string[] args)
    {
        var root = new RootCommand();
        foreach (var command in Federation.Cli.ClientCommands.Create())
        {
            root.Subcommands.Add(command);
        }

        return await root.Parse(args).InvokeAsync();
    }
}
