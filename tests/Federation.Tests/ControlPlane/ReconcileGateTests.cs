using Federation.Grains;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Federation.Tests.ControlPlane;

public sealed class ReconcileGateTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    private static ReconcileGate Gate(int concurrency, ApplicationLifetime? lifetime = null) =>
        new(Options.Create(new FederationOptions { ReconcileConcurrency = concurrency }), lifetime ?? new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance));

    [Fact]
    public async Task Turns_beyond_the_limit_wait_and_are_handed_on_in_order_of_arrival()
    {
        using var gate = Gate(2);
        var first = (await gate.EnterAsync())!.Value;
        var second = (await gate.EnterAsync())!.Value;

        var third = gate.EnterAsync().AsTask();
        var fourth = gate.EnterAsync().AsTask();

        Assert.False(third.IsCompleted);
        Assert.Equal(2, gate.Waiting);

        first.Dispose();
        var thirdTurn = (await third.WaitAsync(Deadline))!.Value;
        Assert.False(fourth.IsCompleted);
        Assert.Equal(1, gate.Waiting);

        second.Dispose();
        var fourthTurn = (await fourth.WaitAsync(Deadline))!.Value;
        Assert.Equal(0, gate.Waiting);

        thirdTurn.Dispose();
        fourthTurn.Dispose();
        (await gate.EnterAsync().AsTask().WaitAsync(Deadline))!.Value.Dispose();
    }

    [Fact]
    public async Task A_turn_not_taken_through_the_gate_releases_nothing()
    {
        using var gate = Gate(1);
        var taken = (await gate.EnterAsync())!.Value;

        default(ReconcileGate.Turn).Dispose();

        var next = gate.EnterAsync().AsTask();
        Assert.False(next.IsCompleted);
        taken.Dispose();
        (await next.WaitAsync(Deadline))!.Value.Dispose();
    }

    [Fact]
    public async Task Turns_still_waiting_when_the_host_stops_are_let_go_without_one()
    {
        var lifetime = new ApplicationLifetime(NullLogger<ApplicationLifetime>.Instance);
        using var gate = Gate(1, lifetime);
        var taken = (await gate.EnterAsync())!.Value;
        var waiting = gate.EnterAsync().AsTask();

        lifetime.StopApplication();

        Assert.Null(await waiting.WaitAsync(Deadline));
        Assert.Equal(0, gate.Waiting);
        Assert.Null(await gate.EnterAsync().AsTask().WaitAsync(Deadline));
        taken.Dispose();
    }
}
