using Federation.Grains;
using Microsoft.Extensions.Options;

namespace Federation.Tests.ControlPlane;

public sealed class ReconcileGateTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Turns_beyond_the_limit_wait_and_are_handed_on_in_order_of_arrival()
    {
        using var gate = new ReconcileGate(Options.Create(new FederationOptions { ReconcileConcurrency = 2 }));
        var first = await gate.EnterAsync();
        var second = await gate.EnterAsync();

        var third = gate.EnterAsync().AsTask();
        var fourth = gate.EnterAsync().AsTask();

        Assert.False(third.IsCompleted);
        Assert.Equal(2, gate.Waiting);

        first.Dispose();
        var thirdTurn = await third.WaitAsync(Deadline);
        Assert.False(fourth.IsCompleted);
        Assert.Equal(1, gate.Waiting);

        second.Dispose();
        var fourthTurn = await fourth.WaitAsync(Deadline);
        Assert.Equal(0, gate.Waiting);

        thirdTurn.Dispose();
        fourthTurn.Dispose();
        var again = await gate.EnterAsync().AsTask().WaitAsync(Deadline);
        again.Dispose();
    }

    [Fact]
    public async Task A_turn_not_taken_through_the_gate_releases_nothing()
    {
        using var gate = new ReconcileGate(Options.Create(new FederationOptions { ReconcileConcurrency = 1 }));
        var taken = await gate.EnterAsync();

        default(ReconcileGate.Turn).Dispose();

        var next = gate.EnterAsync().AsTask();
        Assert.False(next.IsCompleted);
        taken.Dispose();
        (await next.WaitAsync(Deadline)).Dispose();
    }
}
