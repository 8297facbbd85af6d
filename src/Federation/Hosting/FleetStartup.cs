using Federation.Grains;
using Microsoft.Extensions.Options;

namespace Federation.Hosting;

/// <summary>
/// Keeps every member and application active somewhere in the cluster: right after the silo
/// starts (so probes, watches and in-flight migrations resume after a restart) and then
/// periodically (so that grains whose silo died are reactivated on a survivor within seconds,
/// without waiting for an API call). A grain has one activation in the cluster, so each member
/// is still probed and watched exactly once however many silos run this.
/// </summary>
public sealed class FleetStartup(IGrainFactory grains, IOptions<FederationOptions> options, ILogger<FleetStartup> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var host = grains.GetGrain<IHostClusterGrain>(HostClusterGrain.Key);
        var period = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(1).Ticks, options.Value.ProbeInterval.Ticks * 5));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.WhenAll((await host.ListMembersAsync()).Select(m => grains.GetGrain<IMemberClusterGrain>(m).WakeAsync()));
                await Task.WhenAll((await host.ListApplicationsAsync()).Select(a => grains.GetGrain<IApplicationGrain>(a).WakeAsync()));
            }
            catch (Exception) when (stoppingToken.IsCancellationRequested)
            {
                // The host is stopping: calls still in flight fail as the silo goes (it is shutting down).
                return;
            }
            catch (Exception e)
            {
                // The silo may still be joining the cluster, or another just died; try again shortly.
                logger.LogInformation("waking the fleet failed: {Message}", e.Message);
            }

            try
            {
                await Task.Delay(period, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
