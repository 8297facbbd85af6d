using System.CommandLine;
using Federation.Api.Access;
using Federation.Members.Simulation;

namespace Federation.Hosting;

/// <summary>The verbs that run something: demo, serve, sim, bench.</summary>
public static class HostCommands
{
    public static IEnumerable<Command> Create()
    {
        yield return Demo();
        yield return Serve();
        yield return Sim();
        yield return Bench();
    }

    private static Command Demo()
    {
        var apiPort = new Option<int>("--api-port") { Description = "API and dashboard port", DefaultValueFactory = _ => 8080 };
        var members = new Option<int>("--members") { Description = "simulated member clusters to start", DefaultValueFactory = _ => 3 };
        var dataDir = new Option<string>("--data-dir") { Description = "where state is kept across restarts", DefaultValueFactory = _ => ".federation" };
        var noAuth = new Option<bool>("--no-auth") { Description = "serve the API without a token (by default the demo generates an admin token and prints it)" };
        var siloPort = new Option<int>("--silo-port") { Description = "Orleans silo port; 0 picks a free one, so that several demos can run side by side", DefaultValueFactory = _ => 0 };
        var gatewayPort = new Option<int>("--gateway-port") { Description = "Orleans gateway port; 0 picks a free one", DefaultValueFactory = _ => 0 };
        var command = new Command("demo", "Embedded: one silo, simulated members in-process (on the ports after --api-port, or free ones), a sample application.")
        {
            apiPort, members, dataDir, noAuth, siloPort, gatewayPort,
        };
        command.SetAction((r, ct) => DemoRunner.RunAsync(
            new DemoSettings(r.GetValue(apiPort), r.GetValue(members), r.GetValue(dataDir)!, !r.GetValue(noAuth), r.GetValue(siloPort), r.GetValue(gatewayPort)),
            Console.Out,
            ct));
        return command;
    }

    private static Command Serve()
    {
        var config = new Option<string?>("--config") { Description = "a JSON settings file (section Federation)" };
        var apiUrls = new Option<string?>("--api-urls") { Description = "e.g. http://0.0.0.0:8080" };
        var redis = new Option<string?>("--redis") { Description = "Redis connection string: several silos share it (production mode)" };
        var dataDir = new Option<string?>("--data-dir") { Description = "embedded mode: where grain state is kept" };
        var siloPort = new Option<int?>("--silo-port") { Description = "Orleans silo port (default 11111); 0 picks a free one" };
        var gatewayPort = new Option<int?>("--gateway-port") { Description = "Orleans gateway port (default 30000); 0 picks a free one" };
        var anonymous = new Option<bool>("--allow-anonymous") { Description = "serve without tokens, every caller as admin: on loopback only" };
        var command = new Command("serve", ServeDescription) { config, apiUrls, redis, dataDir, siloPort, gatewayPort, anonymous };
        command.SetAction(async (r, ct) =>
        {
            Grains.FederationOptions options;
            try
            {
                options = Settings.Load(r.GetValue(config));
            }
            catch (StartupRefusedException e)
            {
                await Console.Error.WriteLineAsync($"federation: not starting: {e.Message}");
                return 2;
            }

            options.ApiUrls = r.GetValue(apiUrls) ?? options.ApiUrls;
            options.Redis = r.GetValue(redis) ?? options.Redis;
            options.DataDir = r.GetValue(dataDir) ?? options.DataDir;
            options.SiloPort = HostPorts.Resolve(r.GetValue(siloPort) ?? options.SiloPort);
            options.GatewayPort = HostPorts.Resolve(r.GetValue(gatewayPort) ?? options.GatewayPort);
            options.AllowAnonymous |= r.GetValue(anonymous);
            var open = options.AllowAnonymous && options.Tokens.Count == 0;
            if (open)
            {
                options.ApiUrls = AnonymousAccess.OnLoopback(options.ApiUrls);
            }

            var conflict = HostPorts.Conflict(
                [.. HostPorts.Of(options.ApiUrls).Select(p => (p, "--api-urls")), (options.SiloPort, "--silo-port"), (options.GatewayPort, "--gateway-port")]);
            if (conflict is not null)
            {
                await Console.Error.WriteLineAsync($"error: {conflict}");
                return 1;
            }

            WebApplication app;
            try
            {
                app = FederationHost.Build(options);
            }
            catch (StartupRefusedException e)
            {
                await Console.Error.WriteLineAsync($"federation: not starting: {e.Message}");
                return 2;
            }

            if (await HostPorts.StartAsync(app, options, "--api-urls", ct) is { } taken)
            {
                await Console.Error.WriteLineAsync($"error: {taken}");
                return 1;
            }

            Console.Out.WriteLine($"federation serving on {options.ApiUrls} ({(string.IsNullOrEmpty(options.Redis) ? "embedded, data in " + Path.GetFullPath(options.DataDir) : "Redis cluster " + options.ClusterId)})");
            if (open)
            {
                Console.Out.WriteLine("ANONYMOUS ACCESS: no API token is configured; every caller is admin. Listening on loopback only.");
            }

            return await Shutdown.RunToEndAsync(app, options.ShutdownTimeout, ct);
        });
        return command;
    }

    private const string ServeDescription = """
        Run the host: an Orleans silo with the REST API.
        API tokens: each token has one role (viewer reads; operator runs applications, drains, cordons and
        maintenance; admin also joins, unjoins and retires members) and at least 32 characters. Configure
        them as environment variables Federation__Tokens__<name>=<role>:<token>
        (e.g. Federation__Tokens__ops=operator:$(openssl rand -hex 32)), or in the --config file as
        {"Federation": {"Tokens": {"ops": "operator:<token>"}}}. Clients send "Authorization: Bearer <token>"
        (CLI: --token or FEDERATION_TOKEN). Without any token serve refuses to start, unless
        --allow-anonymous: then every caller is admin, the API listens on loopback only, and serve says so.
        """;

    private static Command Sim()
    {
        var name = new Option<string>("--name") { Required = true };
        var port = new Option<int>("--port") { DefaultValueFactory = _ => 0 };
        var nodes = new Option<int>("--nodes") { DefaultValueFactory = _ => 3 };
        var cpu = new Option<string>("--node-cpu") { DefaultValueFactory = _ => "4" };
        var memory = new Option<string>("--node-memory") { DefaultValueFactory = _ => "8Gi" };
        var kubeconfig = new Option<string?>("--kubeconfig") { Description = "where to write the kubeconfig (default ./<name>.kubeconfig)" };
        var command = new Command("sim", "Run one simulated member cluster (a Kubernetes API on loopback).") { name, port, nodes, cpu, memory, kubeconfig };
        command.SetAction(async (r, ct) =>
        {
            if (!Members.ResourceQuantities.TryParseMilliCpu(r.GetValue(cpu), out var milliCpu) || !Members.ResourceQuantities.TryParseBytes(r.GetValue(memory), out var bytes))
            {
                await Console.Error.WriteLineAsync("--node-cpu and --node-memory take Kubernetes quantities, e.g. 4 and 8Gi");
                return 1;
            }

            var n = r.GetValue(name)!;
            return await SimulatorCommand.RunAsync(n, r.GetValue(port), r.GetValue(nodes), milliCpu, bytes, r.GetValue(kubeconfig) ?? $"{n}.kubeconfig", Console.Out, ct);
        });
        return command;
    }

    private static Command Bench()
    {
        var what = new Argument<string>("what") { Description = "scheduling (placements per second), survivability (every loss of a 100-member fleet), fleet (applications placed over many members, then one member lost), failover (fleet on three members) or sim (simulated member at fleet scale)" };
        var apps = new Option<int>("--applications") { Description = "fleet, failover, survivability: how many applications", DefaultValueFactory = _ => 1000 };
        var members = new Option<int>("--members") { Description = "fleet: how many simulated members", DefaultValueFactory = _ => 10 };
        var replicas = new Option<int>("--replicas") { Description = "fleet, failover: replicas per application", DefaultValueFactory = _ => 3 };
        var json = new Option<bool>("--json") { Description = "fleet, failover: the figures as one JSON object on the last line" };
        var clients = new Option<int>("--clients") { Description = "fleet, failover: API clients sending the applications at once", DefaultValueFactory = _ => 8 };
        foreach (var (option, least) in new[] { (apps, 1), (members, 2), (replicas, 1), (clients, 1) })
        {
            // A fleet benchmark takes one member dark and moves its replicas to the others: it needs two.
            option.Validators.Add(r =>
            {
                if (r.GetValueOrDefault<int>() < least)
                {
                    r.AddError($"{option.Name} must be at least {least}");
                }
            });
        }

        var command = new Command("bench", "Print performance figures.") { what, apps, members, replicas, json, clients };
        command.SetAction(async (r, ct) =>
        {
            switch (r.GetValue(what))
            {
                case "scheduling":
                    Scheduling.Bench.SchedulingBenchmark.Run(Console.Out);
                    return 0;
                case "fleet":
                    return await FleetBenchmark.RunAsync(new FleetBenchmark.Settings(r.GetValue(apps), r.GetValue(members), r.GetValue(replicas), r.GetValue(json), r.GetValue(clients)), Console.Out, ct);
                case "survivability":
                    Planning.Bench.SurvivabilityBenchmark.Run(Console.Out, r.GetValue(apps));
                    return 0;
                case "failover":
                    return await FleetBenchmark.RunAsync(new FleetBenchmark.Settings(r.GetValue(apps), 3, r.GetValue(replicas), r.GetValue(json), r.GetValue(clients)), Console.Out, ct);
                case "sim":
                    await SimulatorBenchmark.RunAsync(Console.Out, ct: ct);
                    return 0;
                default:
                    await Console.Error.WriteLineAsync("unknown benchmark; try: scheduling, survivability, fleet, failover, sim");
                    return 1;
            }
        });
        return command;
    }
}
