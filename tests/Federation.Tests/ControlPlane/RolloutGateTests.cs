using Federation.Grains;
using Federation.Rollouts;

namespace Federation.Tests.ControlPlane;

public sealed class RolloutGateTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-12-02T10:30:00Z");

    /// <summary>startAt (minutes from now, or none), window (a daily cron at HH:00 UTC for 2h, or none) → closed until (minutes from now, or open).</summary>
    [Theory]
    [InlineData("no start time, no window: open", null, null, null)]
    [InlineData("start time ahead: closed until it", 90, null, 90)]
    [InlineData("start time passed: open", -5, null, null)]
    [InlineData("window opened at 10:00 for 2h: open", null, 10, null)]
    [InlineData("window opens at 12:00: closed until then", null, 12, 90)]
    [InlineData("window opened at 08:00 and ended at 10:00: closed until tomorrow 08:00", null, 8, 1290)]
    [InlineData("start time ahead inside an open window: the start time rules", 30, 10, 30)]
    public void Closed_until(string name, int? startInMinutes, int? windowHour, int? closedForMinutes)
    {
        _ = name;
        var policy = RolloutPolicy.Default with
        {
            StartAt = startInMinutes is { } s ? Now.AddMinutes(s) : null,
            Window = windowHour is { } h ? new RolloutWindow($"0 0 {h} * * ?", "UTC", TimeSpan.FromHours(2)) : null,
        };

        Assert.Equal(closedForMinutes is { } c ? Now.AddMinutes(c) : null, RolloutGate.ClosedUntil(policy, Now));
    }
}
