using System.CommandLine;
using Federation.Hosting;

var root = new RootCommand("Federation: places an application's replicas across member Kubernetes clusters and moves them gracefully.");
foreach (var command in HostCommands.Create())
{
    root.Subcommands.Add(command);
}

foreach (var command in Federation.Cli.ClientCommands.Create())
{
    root.Subcommands.Add(command);
}

return await root.Parse(args).InvokeAsync();
