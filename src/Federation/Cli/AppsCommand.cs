using System.CommandLine;
using Federation.Grains;

namespace Federation.Cli;

/// <summary><c>apps apply -f FILE | list | get NS/NAME | delete NS/NAME | rollout ...</c>.</summary>
internal static class AppsCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("apps", "Federated applications: apply, list, inspect, delete");
        command.Subcommands.Add(Apply(context));
        command.Subcommands.Add(List(context));
        command.Subcommands.Add(Get(context));
        command.Subcommands.Add(Delete(context));
        command.Subcommands.Add(RolloutCommand.Create(context));
        command.Subcommands.Add(Render(context));
        command.Subcommands.Add(ConfirmFailover(context));
        return command;
    }

    private static Command Apply(CliContext context)
    {
        var command = new Command("apply", "Create or update an application from a Deployment (+ Placement) YAML file, or a JSON request");
        var file = new Option<FileInfo>("--file", "-f") { Description = "YAML or JSON file; - reads stdin", HelpName = "FILE", Required = true };
        var connection = new ConnectionOptions(context);
        var output = ConnectionOptions.Output();
        command.Options.Add(file);
        connection.AddTo(command);
        command.Options.Add(output);
        command.SetClientAction(context, async (result, ct) =>
        {
            var path = result.GetValue(file)!;
            var manifest = ParseFile(path);
            using var client = connection.Connect(result);
            var answer = await client.SendAsync<ApplicationView>(
                HttpMethod.Put, ApplicationName.Path(manifest.Namespace, manifest.Name), manifest.Request, ct);
            CliOutput.Print(context, result.GetValue(output), answer, w =>
            {
                var app = answer.Value;
                var placed = string.Join(", ", (app.Members ?? []).Where(m => m.Target > 0).Select(m => $"{m.Cluster}={m.Target}"));
                w.WriteLine($"application {app.Namespace}/{app.Name} applied (generation {app.Generation}): "
                    + $"{app.Replicas} replica(s), {app.Strategy}" + (placed.Length > 0 ? $", {placed}" : ""));
                if (app.Shortfall > 0)
                {
                    w.WriteLine($"WARNING: {app.Shortfall} replica(s) cannot be placed: the selected members are full");
                }
            });
            return ExitCodes.Success;
        });
        return command;
    }

    private static ApplicationManifest ParseFile(FileInfo file)
    {
        string text;
        try
        {
            text = file.Name == "-" ? Console.In.ReadToEnd() : File.ReadAllText(file.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"--file: cannot read {file.FullName}: {ex.Message}");
        }

        try
        {
            return ApplicationManifest.Parse(text);
        }
        catch (CliInputException ex)
        {
            throw new CliInputException($"{file.Name}: {ex.Message}");
        }
    }

    private static Command List(CliContext context) => ReadVerb.Create<List<ApplicationView>>(
        context, "list", "List applications with replicas, readiness, floor, shortfall and migrations", null,
        _ => "api/v1/applications", ApplicationPrinter.List);

    private static Command Get(CliContext context) => ReadVerb.Create<ApplicationView>(
        context,
        "get",
        "Show an application: replicas per member, conditions, migration",
        new Argument<string>("application") { Description = "NAMESPACE/NAME (namespace defaults to default)" },
        application =>
        {
            var (ns, app) = ApplicationName.Split(application!);
            return ApplicationName.Path(ns, app);
        },
        ApplicationPrinter.Details);

    private static Command Render(CliContext context)
    {
        var command = new Command("render", "Print what one member is given: the companions (Secret values redacted) and the workload with its overrides applied");
        var name = new Argument<string>("application") { Description = "NAMESPACE/NAME (namespace defaults to default)" };
        var member = new Option<string>("--member") { Description = "the member cluster", HelpName = "MEMBER", Required = true };
        var connection = new ConnectionOptions(context);
        command.Arguments.Add(name);
        command.Options.Add(member);
        connection.AddTo(command);
        command.SetClientAction(context, async (result, ct) =>
        {
            var (ns, app) = ApplicationName.Split(result.GetValue(name)!);
            using var client = connection.Connect(result);
            var manifest = await client.SendRawAsync(
                HttpMethod.Get, $"{ApplicationName.Path(ns, app)}/members/{Uri.EscapeDataString(result.GetValue(member)!)}/manifests", null, ct);
            var pretty = System.Text.Json.Nodes.JsonNode.Parse(manifest)?.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });
            await context.Out.WriteLineAsync(pretty ?? manifest);
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command ConfirmFailover(CliContext context) => OnApplication(
        context,
        "confirm-failover",
        "Let a StatefulSet's replicas on failed members start elsewhere (failover.stateful AfterConfirmation); their volumes do not follow",
        async (client, ns, app, ct) =>
        {
            var answer = await client.SendAsync<Api.ApplicationEndpoints.FailoverConfirmation>(HttpMethod.Post, $"{ApplicationName.Path(ns, app)}/confirm-failover", null, ct);
            return $"failover of {ns}/{app} confirmed on {string.Join(", ", answer.Value.Confirmed)}: its ordinals there start elsewhere, without their volumes";
        });

    private static Command Delete(CliContext context) => OnApplication(
        context,
        "delete",
        "Delete an application from every member",
        async (client, ns, app, ct) =>
        {
            await client.SendRawAsync(HttpMethod.Delete, ApplicationName.Path(ns, app), null, ct);
            return $"application {ns}/{app} deletion accepted: its replicas are being removed from the members";
        });

    /// <summary>A verb on one application (NS/NAME): one request, one line printed.</summary>
    private static Command OnApplication(CliContext context, string verb, string description, Func<FederationClient, string, string, CancellationToken, Task<string>> act)
    {
        var command = new Command(verb, description);
        var name = new Argument<string>("application") { Description = "NAMESPACE/NAME (namespace defaults to default)" };
        var connection = new ConnectionOptions(context);
        command.Arguments.Add(name);
        connection.AddTo(command);
        command.SetClientAction(context, async (result, ct) =>
        {
            var (ns, app) = ApplicationName.Split(result.GetValue(name)!);
            using var client = connection.Connect(result);
            await context.Out.WriteLineAsync(await act(client, ns, app, ct));
            return ExitCodes.Success;
        });
        return command;
    }
}
