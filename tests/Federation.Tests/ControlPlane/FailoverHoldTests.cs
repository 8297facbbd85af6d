using System.Net.Http.Json;
using Federation.Grains;
using Federation.Members.Simulation;

namespace Federation.Tests.ControlPlane;

/// <summary>Most of the fleet unreachable at once: failover is held, nothing piles onto the member left, and it resumes as members return.</summary>
public sealed class FailoverHoldTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(45);

    [Fact]
    public async Task Two_of_three_members_dark_hold_failover_until_one_answers_again()
    {
        await using var fleet = await Fleet.StartAsync();
        await fleet.JoinAllAsync();
        (await fleet.PutApplicationAsync("default", "web", new
        {
            replicas = 6,
            template = Fleet.Template("web"),
            placement = new { strategy = "Weighted" },
            maxUnavailable = 0,
            failoverAfter = "2s",
        })).EnsureSuccessStatusCode();
        await Eventually.WaitAsync(() => fleet.Members.All(m => m.ReadyReplicas("default", "web") == 2), Deadline, "2 ready on each member");

        // Central is watched throughout: a failover of east and west would raise its Deployment.
        var centralMost = 0;
        using var watching = new CancellationTokenSource();
        var watch = Task.Run(async () =>
        {
            while (!watching.IsCancellationRequested)
            {
                centralMost = Math.Max(centralMost, fleet["central"].SpecReplicas("default", "web"));
                await Task.Delay(20);
            }
        });

        fleet["east"].SetOutage(OutageMode.Refuse);
        fleet["west"].SetOutage(OutageMode.Refuse);
        await Eventually.WaitAsync(async () => (await Events(fleet)).Any(e => e.Kind == "FailoverHeld"), Deadline, "a FailoverHeld event");
        var held = (await Events(fleet)).First(e => e.Kind == "FailoverHeld");
        Assert.Contains("2 of 3 members unreachable", held.Message, StringComparison.Ordinal);

        // Well past failoverAfter with both still dark, central still runs its own 2 only.
        await Eventually.WaitAsync(
            async () => (await Events(fleet)).Any(e => e.Kind == "FailoverHeld" && DateTimeOffset.UtcNow - e.Time > TimeSpan.FromSeconds(4)),
            Deadline,
            "the hold older than twice failoverAfter");
        Assert.Equal(2, centralMost);

        // West answers again: one of three dark is an outage, and east's replicas move.
        fleet["west"].Recover();
        await Eventually.WaitAsync(async () => (await Events(fleet)).Any(e => e.Kind == "FailoverResumed"), Deadline, "a FailoverResumed event");
        await Eventually.WaitAsync(
            () => fleet["west"].ReadyReplicas("default", "web") + fleet["central"].ReadyReplicas("default", "web") == 6,
            Deadline,
            "east's replicas running on west and central");
        await watching.CancelAsync();
        await watch;
    }

    private static async Task<List<EventView>> Events(Fleet fleet) =>
        (await fleet.Api.GetFromJsonAsync<List<EventView>>("/api/v1/events?limit=200", Fleet.Json))!;
}
