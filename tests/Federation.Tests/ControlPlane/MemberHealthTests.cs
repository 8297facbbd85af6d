using Federation.Members.Simulation;
using Federation.Scheduling;

namespace Federation.Tests.ControlPlane;

public sealed class MemberHealthTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_flapping_member_is_held_down_before_it_gets_replicas_again()
    {
        await using var fleet = await Fleet.StartAsync(names: ["east", "west"], configure: o =>
        {
            o.FlapCount = 3;
            o.HoldDown = TimeSpan.FromMinutes(5);
        });
        await fleet.JoinAllAsync();

        for (var outage = 1; outage <= 3; outage++)
        {
            fleet["west"].SetOutage(OutageMode.Error);
            await Eventually.WaitAsync(async () => (await fleet.GetClusterAsync("west"))!.State == MemberState.NotReady, Deadline, $"west NotReady (outage {outage})");
            fleet["west"].Recover();
            await Eventually.WaitAsync(async () => (await fleet.GetClusterAsync("west"))!.State == MemberState.Ready, Deadline, $"west Ready again (outage {outage})");
        }

        Assert.NotNull((await fleet.GetClusterAsync("west"))!.HeldDownUntil);

        // Held down: a new application goes to east only.
        (await fleet.PutApplicationAsync("default", "web", new { replicas = 4, template = Fleet.Template("web"), placement = new { strategy = "Weighted" } })).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet["east"].ReadyReplicas("default", "web") == 4, Deadline, "4 ready on east");
        Assert.Equal(0, fleet["west"].SpecReplicas("default", "web"));
    }

    [Fact]
    public async Task Metrics_report_members_by_state_and_application_replicas()
    {
        await using var fleet = await Fleet.StartAsync(names: ["east", "west"]);
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("default", "metered", new { replicas = 4, template = Fleet.Template("metered"), placement = new { strategy = "Weighted" } })).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.ReadyTotal("default", "metered") == 4, Deadline, "4 ready");

        await Eventually.WaitAsync(
            async () =>
            {
                var metrics = await fleet.Api.GetStringAsync("/metrics");
                return metrics.Contains("federation_member_state{member=\"east\",state=\"Ready\"} 1", StringComparison.Ordinal)
                    && metrics.Contains("federation_application_ready_replicas{application=\"default/metered\",member=\"west\"} 2", StringComparison.Ordinal)
                    && metrics.Contains("federation_application_floor_replicas{application=\"default/metered\"} 4", StringComparison.Ordinal)
                    && metrics.Contains("federation_api_request_duration_seconds_count{method=\"PUT\"", StringComparison.Ordinal);
            },
            Deadline,
            "member state, application replicas and API latency in /metrics");
    }
}
