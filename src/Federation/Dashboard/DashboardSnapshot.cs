using Federation.Api;
using Federation.Grains;

namespace Federation.Dashboard;

/// <summary>
/// What the page shows at one moment: the members (with the workloads they hold), the applications,
/// the latest decisions, and the host's latest evaluation of every single member loss.
/// </summary>
public sealed record DashboardSnapshot(
    IReadOnlyList<ClusterView> Clusters,
    IReadOnlyList<ApplicationView> Applications,
    IReadOnlyList<EventView> Events,
    FleetLossesView? Losses)
{
    /// <summary>How many decision events the page shows.</summary>
    public const int EventLimit = 50;

    /// <summary>Reads the fleet through the grains, exactly as the REST API does.</summary>
    public static async Task<DashboardSnapshot> ReadAsync(IGrainFactory grains)
    {
        var host = grains.GetGrain<IHostClusterGrain>(HostClusterGrain.Key);
        var memberNames = GrainCalls.RetryAsync(() => host.ListMembersAsync());
        var applicationKeys = GrainCalls.RetryAsync(() => host.ListApplicationsAsync());
        var events = GrainCalls.RetryAsync(() =>
            grains.GetGrain<IEventLogGrain>(EventRecorder.LogKey).QueryAsync(null, null, EventLimit));
        var losses = GrainCalls.RetryAsync(() => host.GetLossesAsync());

        var clusters = await Task.WhenAll((await memberNames).Select(n => ClusterEndpoints.Detail(grains, n)));
        var applications = await Task.WhenAll((await applicationKeys).Select(k =>
            GrainCalls.RetryAsync(() => grains.GetGrain<IApplicationGrain>(k).GetAsync())));

        // Sorted, so that the same fleet always serialises to the same text and an unchanged
        // fleet sends nothing.
        return new DashboardSnapshot(
            [.. clusters.OfType<ClusterView>().OrderBy(c => c.Name, StringComparer.Ordinal)],
            [.. applications.OfType<ApplicationView>().OrderBy(a => a.Namespace, StringComparer.Ordinal).ThenBy(a => a.Name, StringComparer.Ordinal)],
            await events,
            await losses);
    }
}
