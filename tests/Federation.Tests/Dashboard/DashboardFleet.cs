using Federation.Dashboard;
using Federation.Grains;
using Federation.Hosting;
using Federation.Tests.ControlPlane;

namespace Federation.Tests.Dashboard;

/// <summary>
/// The control-plane <see cref="Fleet"/> with the dashboard mapped on its host. Until the host maps
/// the dashboard itself, the fleet's host is replaced by one built the same way plus
/// <see cref="DashboardEndpoints.MapDashboard"/> (same options, ports and data directory).
/// </summary>
public sealed class DashboardFleet : IAsyncDisposable
{
    private readonly FederationOptions _options;
    private readonly bool _ownHost;
    private WebApplication? _host;

    private DashboardFleet(Fleet fleet, FederationOptions options, bool ownHost)
    {
        Fleet = fleet;
        _options = options;
        _ownHost = ownHost;
    }

    public Fleet Fleet { get; }

    public string Url => Fleet.Url;

    public static async Task<DashboardFleet> StartAsync(Action<FederationOptions>? configure = null)
    {
        FederationOptions? captured = null;
        var fleet = await Fleet.StartAsync(configure: o =>
        {
            configure?.Invoke(o);
            captured = o;
        });
        using var page = await fleet.Api.GetAsync("/");
        var served = page.StatusCode != System.Net.HttpStatusCode.NotFound;
        var dashboard = new DashboardFleet(fleet, captured!, ownHost: !served);
        if (!served)
        {
            await fleet.StopHostAsync();
            await dashboard.StartHostAsync();
        }

        return dashboard;
    }

    public async Task StopHostAsync()
    {
        if (!_ownHost)
        {
            await Fleet.StopHostAsync();
            return;
        }

        if (_host is not null)
        {
            await _host.StopAsync(new CancellationToken(canceled: true));
            await _host.DisposeAsync();
            _host = null;
        }
    }

    public async Task StartHostAsync()
    {
        if (!_ownHost)
        {
            await Fleet.StartHostAsync();
            return;
        }

        _host = FederationHost.Build(_options);
        _host.MapDashboard();
        await _host.StartAsync();
    }

    /// <summary>The sample application: replicas divided evenly, moved one at a time.</summary>
    public async Task PutSampleApplicationAsync(string name = "web", int replicas = 6, string cpu = "100m", string stepTimeout = "20s")
    {
        var response = await Fleet.PutApplicationAsync("default", name, new
        {
            replicas,
            template = Fleet.Template(name, cpu: cpu),
            placement = new { strategy = "Weighted" },
            maxUnavailable = 0,
            failoverAfter = "2s",
            migration = new { stepSize = 1, stepTimeout, unhealthyAfter = "30s" },
        });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        if (_ownHost)
        {
            await StopHostAsync();
        }

        await Fleet.DisposeAsync();
    }
}
