using System.Net.Http.Json;
using Federation.Members.Simulation;

namespace Federation.Hosting;

/// <summary>
/// <c>federation demo</c>: one silo with its data in a directory, simulated member clusters
/// in-process on the ports after the API's (or free ones when those are taken; a member's
/// registration follows it to its new port on a restart), and a sample application.
/// </summary>
public static class DemoRunner
{
    private static readonly (string Name, string Region, string Zone)[] Names =
        [("east", "us-east", "us-east-1a"), ("west", "us-west", "us-west-2b"), ("central", "eu-central", "eu-central-1a")];

    public static async Task<int> RunAsync(DemoSettings settings, TextWriter output, CancellationToken ct)
    {
        var (apiPort, memberCount, dataDir, auth, _, _) = settings;
        if (HostPorts.Conflict((apiPort, "--api-port"), (settings.SiloPort, "--silo-port"), (settings.GatewayPort, "--gateway-port")) is { } conflict)
        {
            await Console.Error.WriteLineAsync($"error: {conflict}");
            return 1;
        }

        Grains.FederationOptions options;
        try
        {
            options = Settings.Load(null);
        }
        catch (Api.Access.StartupRefusedException e)
        {
            await Console.Error.WriteLineAsync($"federation: not starting: {e.Message}");
            return 2;
        }

        var sims = new List<SimulatedMemberCluster>();
        try
        {
            PrivateFiles.Directory(dataDir);
            PrivateFiles.Directory(Path.Combine(dataDir, "members"));
            for (var i = 0; i < memberCount; i++)
            {
                var (name, _, _) = MemberName(i);
                var port = HostPorts.IsFree(apiPort + 1 + i) ? apiPort + 1 + i : 0;
                var sim = await SimulatedMemberCluster.StartAsync(new SimulatedMemberOptions { Name = name, Port = port, Nodes = 3 }, ct);
                sim.WriteKubeconfig(Path.Combine(dataDir, "members", $"{name}.kubeconfig"));
                PrivateFiles.Restrict(Path.Combine(dataDir, "members", $"{name}.kubeconfig"));
                sims.Add(sim);
            }

            var api = $"http://127.0.0.1:{apiPort}";
            options.DataDir = dataDir;
            options.ApiUrls = api;
            options.SiloPort = HostPorts.Resolve(settings.SiloPort);
            options.GatewayPort = HostPorts.Resolve(settings.GatewayPort);

            // A fresh admin token each start, unless tokens are configured or auth is turned off
            // (then the demo is anonymous, which its loopback address allows).
            var token = auth && options.Tokens.Count == 0 ? Api.Access.TokenTable.NewToken() : null;
            if (token is not null)
            {
                options.Tokens["demo"] = $"admin:{token}";
            }

            options.AllowAnonymous = !auth;

            WebApplication app;
            try
            {
                app = FederationHost.Build(options);
            }
            catch (Api.Access.StartupRefusedException e)
            {
                await Console.Error.WriteLineAsync($"federation: not starting: {e.Message}");
                return 2;
            }

            if (await HostPorts.StartAsync(app, options, "--api-port", ct) is { } taken)
            {
                await Console.Error.WriteLineAsync($"error: {taken}");
                return 1;
            }

            using var http = new HttpClient { BaseAddress = new Uri(api) };
            if (token is not null)
            {
                http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
            }

            for (var i = 0; i < sims.Count; i++)
            {
                var (name, region, zone) = MemberName(i);
                var server = sims[i].Url.ToString();
                var member = app.Services.GetRequiredService<IGrainFactory>().GetGrain<Grains.IMemberClusterGrain>(name);
                var existing = await member.GetAsync();
                if (existing is null)
                {
                    var join = new { name, server, labels = new Dictionary<string, string> { ["region"] = region, ["zone"] = zone, ["provider"] = "sim" } };
                    (await http.PostAsJsonAsync("/api/v1/clusters", join, ct)).EnsureSuccessStatusCode();
                }
                else if (existing.Server != server)
                {
                    // Its usual port was taken this time: the member keeps its state and moves to the new one.
                    await member.JoinAsync(new Grains.MemberRegistration(server, null, null), existing.Labels, Grains.OrphanAction.Keep);
                }
            }

            if (!(await http.GetAsync("/api/v1/namespaces/default/applications/web", ct)).IsSuccessStatusCode)
            {
                using var body = new StringContent(SampleApplication, System.Text.Encoding.UTF8, "application/json");
                (await http.PutAsync("/api/v1/namespaces/default/applications/web", body, ct)).EnsureSuccessStatusCode();
            }

            output.WriteLine($"Federation demo is running (data in {Path.GetFullPath(dataDir)}).");
            output.WriteLine($"  Dashboard:  {api}/{(token is null ? "" : $"?token={token}")}");
            if (token is not null)
            {
                output.WriteLine($"  Token:      {token}   (admin; for the CLI: export FEDERATION_TOKEN={token})");
            }

            output.WriteLine($"  API:        {api}/api/v1/clusters   {api}/api/v1/applications");
            output.WriteLine($"  OpenAPI:    {api}/openapi/v1.json");
            output.WriteLine($"  Metrics:    {api}/metrics");
            foreach (var sim in sims)
            {
                output.WriteLine($"  member {sim.Name,-8} {sim.Url}  kubeconfig {Path.Combine(dataDir, "members", sim.Name + ".kubeconfig")}");
            }

            output.WriteLine($"Try: federation clusters list --server {api}   |   federation clusters drain west --wait --server {api}");
            output.WriteLine("Ctrl-C stops.");
            return await Shutdown.RunToEndAsync(app, options.ShutdownTimeout, ct);
        }
        finally
        {
            foreach (var sim in sims)
            {
                await sim.DisposeAsync();
            }
        }
    }

    private static (string Name, string Region, string Zone) MemberName(int i) =>
        i < Names.Length ? Names[i] : ($"member{i + 1}", $"region-{i % 3}", $"zone-{i}");

    /// <summary>Eight nginx replicas weighted 2:1:1 over east, west and central.</summary>
    public const string SampleApplication = """
        {
          "replicas": 8,
          "template": {
            "apiVersion": "apps/v1",
            "kind": "Deployment",
            "metadata": { "name": "web", "namespace": "default", "labels": { "app": "web" } },
            "spec": {
              "selector": { "matchLabels": { "app": "web" } },
              "template": {
                "metadata": { "labels": { "app": "web" } },
                "spec": { "containers": [ { "name": "web", "image": "nginx:1.27",
                  "resources": { "requests": { "cpu": "250m", "memory": "256Mi" } } } ] }
              }
            }
          },
          "placement": { "strategy": "Weighted", "weights": { "east": 2, "west": 1, "central": 1 } },
          "maxUnavailable": 0,
          "failoverAfter": "20s",
          "migration": { "stepSize": 1, "stepTimeout": "60s", "unhealthyAfter": "2m" }
        }
        """;
}
