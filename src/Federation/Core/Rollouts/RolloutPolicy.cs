namespace Federation.Rollouts;

/// <summary>How a new template reaches the members: on every member at once, or wave by wave.</summary>
public enum RolloutStrategy
{
    All,
    Progressive,
}

/// <summary>What a rollout does once its failures exceed the budget.</summary>
public enum FailurePolicy
{
    /// <summary>Returns every member already changed to the previous template, wave by wave in reverse.</summary>
    Rollback,

    /// <summary>Starts no further member; the rest stay on the previous template.</summary>
    Halt,
}

/// <summary>Members of a wave: named, or matching every label given.</summary>
public sealed record WaveSelector(IReadOnlyList<string> Names, IReadOnlyDictionary<string, string> Labels)
{
    public bool Matches(string member, IReadOnlyDictionary<string, string> labels) =>
        Names.Contains(member, StringComparer.Ordinal)
        || (Labels.Count > 0 && Labels.All(l => labels.TryGetValue(l.Key, out var v) && v == l.Value));
}

/// <summary>A count, or a percentage of the members in the rollout.</summary>
public sealed record RolloutAmount(int Value, bool Percent)
{
    /// <summary>The amount for <paramref name="total"/> members; a percentage rounds down, as Kubernetes' maxUnavailable does.</summary>
    public int Of(int total) => Percent ? total * Value / 100 : Value;

    public override string ToString() => Percent ? $"{Value}%" : $"{Value}";
}

/// <summary>A recurring window (a Quartz cron expression in a time zone, open for <paramref name="For"/> from each firing).</summary>
public sealed record RolloutWindow(string Cron, string TimeZone, TimeSpan For);

/// <summary>An application's rollout settings.</summary>
/// <param name="Canary">The first wave; it tolerates no failure.</param>
/// <param name="Waves">Ordered waves; members no wave selects form the last one.</param>
/// <param name="MaxConcurrency">Members per wave when no waves are given (default 1).</param>
/// <param name="Soak">How long a member stays healthy on the new template before it counts as succeeded.</param>
/// <param name="ProgressDeadline">How long a member may take to finish its in-place rollout.</param>
/// <param name="MaxFailures">Failed members tolerated over the whole rollout.</param>
/// <param name="StartAt">No member starts before this time.</param>
/// <param name="Window">Members start only while this recurring window is open.</param>
public sealed record RolloutPolicy(
    RolloutStrategy Strategy,
    WaveSelector? Canary,
    IReadOnlyList<WaveSelector> Waves,
    RolloutAmount? MaxConcurrency,
    TimeSpan Soak,
    TimeSpan ProgressDeadline,
    RolloutAmount MaxFailures,
    FailurePolicy OnFailure,
    DateTimeOffset? StartAt = null,
    RolloutWindow? Window = null)
{
    public static RolloutPolicy Default { get; } = new(
        RolloutStrategy.All, null, [], null, TimeSpan.Zero, TimeSpan.FromMinutes(10), new RolloutAmount(0, false), FailurePolicy.Rollback);
}
