using System.Net;
using System.Text.Json.Serialization;
using Federation.Api;
using Federation.Api.Access;
using Federation.Dashboard;
using Federation.Grains;
using Orleans.Configuration;
using Orleans.Serialization;
using Orleans.Storage;
using Prometheus;
using Quartz;
using StackExchange.Redis;

namespace Federation.Hosting;

/// <summary>Builds the host: an Orleans silo and the REST API in one process.</summary>
public static class FederationHost
{
    public static WebApplication Build(FederationOptions options, Action<IServiceCollection>? configure = null)
    {
        // No watching of appsettings for changes: the watcher follows every file under the working
        // directory, data directory included, and would wake on each state write.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Logging.AddFilter("Federation", LogLevel.Information);

        // Orleans retries grain placement through Polly, whose telemetry logs each attempt as an error;
        // while a silo stops, calls still in flight retry against it and fill the log with traces. The
        // outcome that matters reaches the caller as an exception, and the caller reports it.
        builder.Logging.AddFilter("Polly", LogLevel.Critical);

        // Orleans' watchdog times its first check from zero and warns at every start of a "participant
        // check" overdue by the machine's uptime; starvation that matters shows in the runtime's metrics.
        builder.Logging.AddFilter("Orleans.Runtime.Watchdog", LogLevel.Error);

        // Data Protection warns that its key ring is stored unencrypted: there is no machine key store
        // on Linux to wrap it with. The ring is protected where it lives instead (0600 files in a 0700
        // directory, or Redis beside the grain state it protects); the README says so.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        builder.WebHost.UseUrls(options.ApiUrls.Split(';', StringSplitOptions.RemoveEmptyEntries));
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = options.MaxRequestBodyBytes);
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.ShutdownTimeout);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<MemberClientPool>();
        builder.Services.AddSingleton<ReconcileGate>();
        builder.Services.AddSingleton<HookSecrets>();
        builder.Services.AddSingleton<HookCaller>();
        builder.Services.AddHttpClient(HookCaller.ClientName);
        builder.Services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        });
        builder.Services.AddProblemDetails();
        builder.Services.AddApiAccess(options);
        builder.Services.AddCredentialProtection(options);
        builder.Services.AddOpenApi();
        builder.Host.UseOrleans(silo => ConfigureSilo(silo, options));
        builder.Services.AddHostedService<FleetStartup>();
        builder.Services.AddQuartz();
        builder.Services.AddQuartzHostedService(o => o.WaitForJobsToComplete = false);
        builder.Services.AddHostedService<Federation.Jobs.ScheduleRunner>();
        configure?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseMiddleware<ApiMetricsMiddleware>();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi("/openapi/{documentName}.json").RequireRole(Api.Access.Role.Viewer);
        app.MapHealthEndpoints();
        app.MapClusterEndpoints();
        app.MapReportEndpoints();
        app.MapApplicationEndpoints();
        app.MapPlanEndpoints();
        app.MapSurvivabilityEndpoints();
        app.MapEventEndpoints();
        app.MapScheduleEndpoints();
        app.MapDashboard();
        app.MapMetrics("/metrics").AllowAnonymous();
        app.EnsureEveryEndpointDeclaresAccess();
        return app;
    }

    private static void ConfigureSilo(ISiloBuilder silo, FederationOptions options)
    {
        silo.Configure<ClusterOptions>(o =>
        {
            o.ClusterId = options.ClusterId;
            o.ServiceId = options.ServiceId;
        });

        silo.Services.AddSerializer(CoreAsJson);

        if (string.IsNullOrWhiteSpace(options.Redis))
        {
            silo.UseLocalhostClustering(options.SiloPort, options.GatewayPort);
            var dir = PrivateFiles.Directory(Path.Combine(PrivateFiles.Directory(options.DataDir), "grains"));
            silo.Services.AddKeyedSingleton<IGrainStorage>(
                "state", (sp, _) => new FileGrainStorage(dir, sp.GetRequiredService<Serializer>()));
        }
        else
        {
            var redis = ConfigurationOptions.Parse(options.Redis);
            // In Kubernetes each silo advertises its pod IP (downward API); on one machine, loopback.
            var advertised = IPAddress.TryParse(Environment.GetEnvironmentVariable("POD_IP"), out var podIp) ? podIp : IPAddress.Loopback;
            silo.ConfigureEndpoints(advertised, options.SiloPort, options.GatewayPort, listenOnAnyHostAddress: !advertised.Equals(IPAddress.Loopback));
            silo.UseRedisClustering(o => o.ConfigurationOptions = redis);
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = options.SiloProbeTimeout;
                o.MinProbeTimeout = TimeSpan.FromTicks(Math.Min(o.MinProbeTimeout.Ticks, options.SiloProbeTimeout.Ticks));
            });
            silo.AddRedisGrainStorage("state", o => o.ConfigurationOptions = redis);
            silo.Services.AddOptions<Orleans.Persistence.RedisStorageOptions>("state").Configure<IServiceProvider>((o, sp) =>
                o.GrainStorageSerializer = ActivatorUtilities.CreateInstance<RedisStateSerializer>(sp));
        }
    }

    /// <summary>The pure core's records travel as JSON: the core stays free of Orleans attributes.</summary>
    public static void CoreAsJson(ISerializerBuilder serializer) => serializer.AddJsonSerializer(
        isSupported: t => t.Namespace is "Federation.Scheduling" or "Federation.Capacity" or "Federation.Planning" or "Federation.Hooks" or "Federation.Rollouts" or "Federation.Workloads.Overrides" or "Federation.Workloads.Companions" or "Federation.Reports" or "Federation.Workloads.Stateful");
}
