namespace Federation.Cli;

/// <summary>Where a watched drain or retire stands after a poll.</summary>
internal enum DrainOutcome
{
    InProgress,

    /// <summary>The member holds no replicas (exit 0).</summary>
    Completed,

    /// <summary>The time allowed ran out with replicas left and nothing reported wrong (exit 3).</summary>
    TimedOut,

    /// <summary>The member left the draining state, or a migration stayed stuck (exit 4).</summary>
    Failed,

    /// <summary>Every replica left has been blocked (e.g. waiting for capacity) longer than --blocked-timeout (exit 5).</summary>
    Blocked,
}
