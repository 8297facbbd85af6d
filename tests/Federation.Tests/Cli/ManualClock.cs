namespace Federation.Tests.Cli;

/// <summary>A clock that moves only when told: waits in the CLI advance it instead of sleeping.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
