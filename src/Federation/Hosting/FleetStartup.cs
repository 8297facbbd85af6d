using Federation.Grains;

namespace Federation.Hosting;

/// <summary>
/// After the silo starts, wakes every member and application, so that probes, watches and
/// in-flight migrations resume after a restart without waiting for an API call.
/// </summary>
public sealed class FleetStartup(IGrainFactory grains, ILogger<FleetStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var host = grains.GetGrain<IHostClusterGrain>(HostClusterGrain.Key);
        for (var attempt = 1; !stoppingToken.IsCancellationRequested; attempt++)
        {
            try
            {
                foreach (var member in await host.ListMembersAsync())
                {
                    await grains.GetGrain<IMemberClusterGrain>(member).WakeAsync();
                }

                foreach (var app in await host.ListApplicationsAsync())
                {
                    await grains.GetGrain<IApplicationGrain>(app).WakeAsync();
                }

                return;
            }
            catch (Exception e) when (attempt < 30 && !stoppingToken.IsCancellationRequested)
            {
                // The silo may still be joining the cluster; try again shortly.
                logger.LogInformation("waking the fleet failed (attempt {Attempt}): {Message}", attempt, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), stoppingToken);
            }
        }
    }
}
