using System.CommandLine;

namespace Federation.Cli;

/// <summary>
/// The client verbs over the REST API — <c>clusters</c>, <c>apps</c>, <c>plan</c>, <c>events</c>, <c>schedules</c> —
/// for the host's root command. Exit codes: see <see cref="ExitCodes"/>.
/// </summary>
public static class ClientCommands
{
    public static IReadOnlyList<Command> Create() => Create(CliContext.ForProcess());

    internal static IReadOnlyList<Command> Create(CliContext context) =>
    [
        ClustersCommand.Create(context),
        AppsCommand.Create(context),
        PlanCommand.Create(context),
        EventsCommand.Create(context),
        SchedulesCommand.Create(context),
        HooksCommand.Create(context),
    ];
}
