namespace Federation.Grains;

/// <summary>
/// A member's drain or retirement: since when, which, when the member was found empty, and whether
/// its AfterDrain hook was called (so that a restart calls it once, and only once it is due).
/// </summary>
[GenerateSerializer, Immutable, Alias("fed.DrainRecord")]
public sealed record DrainRecord(
    [property: Id(0)] DateTimeOffset StartedAt,
    [property: Id(1)] string Action,
    [property: Id(2)] DateTimeOffset? EmptiedAt,
    [property: Id(3)] bool AfterDrainCalled);
