using Federation.Rollouts;

namespace Federation.Grains;

/// <summary>
/// A progressive rollout of an application's template, persisted wave by wave and member by member so
/// that it continues after a restart. The previous template is kept whole, with its hash: members not
/// yet in the rollout, and members rolled back, run it.
/// </summary>
[GenerateSerializer, Immutable, Alias("fed.RolloutRecord")]
public sealed record RolloutRecord(
    [property: Id(0)] string FromHash,
    [property: Id(1)] string FromJson,
    [property: Id(2)] string ToHash,
    [property: Id(3)] RolloutProgress Progress);
