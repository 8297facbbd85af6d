namespace Federation.Grains;

/// <summary>
/// A scheduled operation on a member: drain or retire at a time, or a maintenance window on a
/// cron expression in an explicit time zone. <see cref="LastFiredFor"/> is the scheduled fire
/// time last acted on: a firing seen by two silos acts once.
/// </summary>
[GenerateSerializer, Immutable, Alias("fed.ScheduleRecord")]
public sealed record ScheduleRecord(
    [property: Id(0)] string Id,
    [property: Id(1)] string Cluster,
    [property: Id(2)] string Action,
    [property: Id(3)] DateTimeOffset? At,
    [property: Id(4)] string? Cron,
    [property: Id(5)] string TimeZone,
    [property: Id(6)] TimeSpan? Duration,
    [property: Id(7)] DateTimeOffset CreatedAt,
    [property: Id(8)] DateTimeOffset? LastFiredFor,
    [property: Id(9)] bool Done,
    [property: Id(10)] DateTimeOffset? NextFireAt);

[GenerateSerializer, Alias("fed.ScheduleState")]
public sealed class ScheduleState
{
    [Id(0)] public Dictionary<string, ScheduleRecord> Schedules { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public long Version { get; set; }
}

[GenerateSerializer, Immutable, Alias("fed.ScheduleList")]
public sealed record ScheduleList([property: Id(0)] long Version, [property: Id(1)] IReadOnlyList<ScheduleRecord> Schedules);
