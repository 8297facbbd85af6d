using System.CommandLine;
using Federation.Api;
using Federation.Grains;

namespace Federation.Cli;

/// <summary><c>clusters list|get|join|unjoin</c>, plus the state actions of <see cref="ClusterActionCommands"/>.</summary>
internal static class ClustersCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("clusters", "Member clusters: list, inspect, join, cordon, drain, retire, maintain, unjoin");
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Get(context));
        command.Subcommands.Add(Join(context));
        foreach (var action in ClusterActionCommands.Create(context))
        {
            command.Subcommands.Add(action);
        }

        command.Subcommands.Add(Unjoin(context));
        return command;
    }

    private static Command List(CliContext context) => ReadVerb.Create<List<ClusterView>>(
        context, "list", "List member clusters with state, capacity and labels", null, _ => "api/v1/clusters", ClusterPrinter.List);

    private static Command Get(CliContext context) => ReadVerb.Create<ClusterView>(
        context,
        "get",
        "Show one member cluster and the workloads it runs",
        new Argument<string>("name") { Description = "Member cluster name" },
        name => Path(name!),
        ClusterPrinter.Details);

    private static Command Join(CliContext context)
    {
        var command = new Command("join", "Join a member cluster by API server URL (and bearer token) or by kubeconfig");
        var name = new Argument<string>("name") { Description = "Name the member will have in the federation" };
        var server = new Option<string?>("--server") { Description = "The member's Kubernetes API server URL", HelpName = "URL" };
        var bearer = new Option<string?>("--bearer-token") { Description = "Bearer token for the member's API server", HelpName = "TOKEN" };
        var kubeconfig = new Option<FileInfo?>("--kubeconfig") { Description = "Kubeconfig file for the member (its content is sent)", HelpName = "FILE" };
        var labels = new Option<string[]>("--label", "-l") { Description = "Label KEY=VALUE (repeatable), e.g. region=eu", HelpName = "KEY=VALUE" };
        var adopt = new Option<bool>("--adopt") { Description = "Hand managed Deployments left on the member (orphans) to their applications, which scale them to their placement" };
        var clean = new Option<bool>("--clean") { Description = "Delete managed Deployments left on the member (orphans); by default they are only listed" };
        // --server names the member here, so the federation API's URL is --federation-server (or FEDERATION_SERVER).
        var connection = new ConnectionOptions(context, serverFlagIsTaken: true);
        var output = ConnectionOptions.Output();
        command.Arguments.Add(name);
        command.Options.Add(server);
        command.Options.Add(bearer);
        command.Options.Add(kubeconfig);
        command.Options.Add(labels);
        command.Options.Add(adopt);
        command.Options.Add(clean);
        connection.AddTo(command);
        command.Options.Add(output);
        command.SetClientAction(context, async (result, ct) =>
        {
            var request = JoinArguments.Build(
                result.GetValue(name)!, result.GetValue(server), result.GetValue(bearer), result.GetValue(kubeconfig), result.GetValue(labels))
                with { Orphans = JoinArguments.Orphans(result.GetValue(adopt), result.GetValue(clean)) };
            using var client = connection.Connect(result);
            var answer = await client.SendAsync<ClusterView>(HttpMethod.Post, "api/v1/clusters", request, ct);
            CliOutput.Print(context, result.GetValue(output), answer, w =>
            {
                w.WriteLine($"cluster {answer.Value.Name} joined: {answer.Value.State}");
                ClusterPrinter.Orphans(w, answer.Value.Orphans ?? []);
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Unjoin(CliContext context)
    {
        var command = new Command("unjoin", "Remove a member cluster from the federation (refused while it holds replicas: retire it first, or --force)");
        var name = new Argument<string>("name") { Description = "Member cluster name" };
        var force = new Option<bool>("--force")
        {
            Description = "Forget the member although it holds replicas (e.g. it is dark for good): they are placed elsewhere and abandoned there. Refused if an application would fall below its floor",
        };
        var acceptShortfall = new Option<bool>("--accept-shortfall") { Description = "With --force: forget the member even if applications fall below their floor" };
        var connection = new ConnectionOptions(context);
        command.Arguments.Add(name);
        command.Options.Add(force);
        command.Options.Add(acceptShortfall);
        connection.AddTo(command);
        command.SetClientAction(context, async (result, ct) =>
        {
            var cluster = result.GetValue(name)!;
            if (result.GetValue(acceptShortfall) && !result.GetValue(force))
            {
                throw new CliInputException("--accept-shortfall goes with --force");
            }

            using var client = connection.Connect(result);
            if (!result.GetValue(force))
            {
                await client.SendRawAsync(HttpMethod.Delete, Path(cluster), null, ct);
                await context.Out.WriteLineAsync($"cluster {cluster} unjoined");
                return ExitCodes.Success;
            }

            var query = $"?force=true{(result.GetValue(acceptShortfall) ? "&acceptShortfall=true" : "")}";
            var answer = await client.SendAsync<ForgetResult>(HttpMethod.Delete, Path(cluster) + query, null, ct);
            ClusterPrinter.Forgotten(context.Out, answer.Value);
            return ExitCodes.Success;
        });
        return command;
    }

    public static string Path(string cluster) => $"api/v1/clusters/{Uri.EscapeDataString(cluster)}";
}
