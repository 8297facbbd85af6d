using Federation.Migration;
using Federation.Planning;

namespace Federation.Applications;

/// <summary>
/// A migration in flight as its decisions see it: why it began, which members it moves replicas
/// from and to, how far it got, and what holds it (blocked: cannot move at all; stuck: a step timed out).
/// </summary>
public sealed record OpenMigration(
    string Id,
    string Reason,
    IReadOnlyList<string> Sources,
    IReadOnlyList<string> Targets,
    int Moved,
    DateTimeOffset StartedAt,
    DateTimeOffset StepStartedAt,
    string? StuckReason,
    int Remaining,
    int ReadySeen,
    string? Blocked = null,
    string? BlockedMessage = null,
    DateTimeOffset? BlockedSince = null,
    string? Unblock = null);

/// <param name="Members">Every member placed on or holding replicas, after this reconcile's writes.</param>
/// <param name="Step">The step just planned (what remains, ready replicas counted, what it waits for).</param>
/// <param name="Moved">Replicas the writes of this reconcile moved.</param>
/// <param name="Application">The application as the scheduler saw it (its <c>Avoid</c>: members avoided now).</param>
/// <param name="Fleet">The members the scheduler knows, by name.</param>
/// <param name="Shortfall">Replicas the placement put nowhere.</param>
/// <param name="Excluded">The scheduler's reason for each member that got nothing.</param>
/// <param name="NewId">The id a migration begun now gets.</param>
public sealed record MigrationInput(
    IReadOnlyList<MemberProgress> Members,
    StepDecision Step,
    int Moved,
    OpenMigration? Open,
    FleetApplication Application,
    IReadOnlyDictionary<string, FleetMember> Fleet,
    int Shortfall,
    IReadOnlyDictionary<string, string> Excluded,
    TimeSpan StepTimeout,
    string NewId,
    DateTimeOffset Now)
{
    /// <summary>A raised target runs ready and its AfterReady hook has not answered: the migration is not done until it has.</summary>
    public bool AfterReadyOwed { get; init; }
}

/// <summary>What became of the migration in a reconcile.</summary>
public enum MigrationTurn
{
    /// <summary>None open and none begun.</summary>
    None,

    /// <summary>Begun now.</summary>
    Started,

    /// <summary>Still open.</summary>
    Continued,

    /// <summary>Finished now: no reachable member holds more than its target and every target runs ready.</summary>
    Completed,
}

/// <summary>The migration after the decision (null: none open) and the events to record.</summary>
public sealed record MigrationDecision(OpenMigration? Migration, MigrationTurn Turn, IReadOnlyList<ReconcileNote> Notes);
