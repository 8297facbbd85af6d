namespace Federation.Reports;

/// <summary>One reading of an application (or of the total): ready replicas against the floor, from <paramref name="At"/> on.</summary>
public sealed record ReportSample(DateTimeOffset At, int Ready, int Floor);

/// <summary>One call of a hook as the report shows it: which hook, about which member and step, which attempt, and its answer.</summary>
public sealed record ReportHook(
    DateTimeOffset At,
    string Hook,
    string Member,
    int Before,
    int After,
    int Attempt,
    string Outcome,
    int? Status,
    string Answer);

/// <summary>Something that did not go as planned (blocked, stuck, held by a hook, the drain stopped), and when.</summary>
public sealed record ReportNote(DateTimeOffset At, string Text);

/// <summary>One lowering (or raise) of the application's replicas on the member being emptied.</summary>
public sealed record ReportStep(DateTimeOffset At, int Before, int After);

/// <summary>
/// What an application tells the report of a member being emptied, after each reconcile that changed
/// something: its replicas left there, its ready replicas against its floor, where its replicas went,
/// its migration's hook calls so far, and what holds it (null when nothing does).
/// </summary>
public sealed record MoveUpdate(
    string Application,
    DateTimeOffset At,
    string Reason,
    int OnMember,
    int Replicas,
    int Floor,
    int Ready,
    IReadOnlyList<string> Targets,
    IReadOnlyList<ReportHook> Hooks,
    string? Note);

/// <summary>One application's move off the member: from when to when, how many replicas, the lowest ready count against its floor, its hooks and notes, and its samples (bounded).</summary>
public sealed record ApplicationMove(
    string Application,
    string Reason,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    int ReplicasBefore,
    int ReplicasLeft,
    int Replicas,
    int Floor,
    int LowestReady,
    DateTimeOffset LowestAt,
    IReadOnlyList<string> Targets,
    IReadOnlyList<ReportStep> Steps,
    IReadOnlyList<ReportHook> Hooks,
    IReadOnlyList<ReportNote> Notes,
    IReadOnlyList<ReportSample> Samples)
{
    public int ReplicasMoved => Math.Max(0, ReplicasBefore - ReplicasLeft);

    public double? DurationSeconds => ReportViews.Seconds(StartedAt, EndedAt);
}

/// <summary>How a decommission ended, or that it has not.</summary>
public enum ReportOutcome
{
    InProgress,

    /// <summary>The member holds no replicas.</summary>
    Completed,

    /// <summary>The member left the draining states before it was empty.</summary>
    Stopped,
}

/// <summary>The decommission of one member (a drain or a retirement): its applications' moves, its member hooks, its notes.</summary>
public sealed record DecommissionReport(
    string Member,
    string Action,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    ReportOutcome Outcome,
    IReadOnlyList<ApplicationMove> Applications,
    IReadOnlyList<ReportHook> MemberHooks,
    IReadOnlyList<ReportNote> Notes);

/// <summary>The figures a reader wants first: how many applications and replicas moved, the lowest total ready count against the floor, the hooks.</summary>
public sealed record ReportSummary(
    int Applications,
    int ReplicasMoved,
    int LowestReady,
    int Floor,
    bool FloorHeld,
    int HookCalls,
    int HookFailures,
    double? DurationSeconds);

/// <summary>A moment marked on the chart: a hook called (<c>hook</c>), a step of replicas off the member (<c>step</c>), the start or the end.</summary>
public sealed record ChartMarker(DateTimeOffset At, string Kind, string Label);

/// <summary>The report as the API returns it: the record, its summary, the total series and the chart's markers.</summary>
public sealed record ReportView(
    string Member,
    string Action,
    ReportOutcome Outcome,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    double? DurationSeconds,
    ReportSummary Summary,
    IReadOnlyList<ApplicationMove> Applications,
    IReadOnlyList<ReportSample> Total,
    IReadOnlyList<ReportHook> MemberHooks,
    IReadOnlyList<ReportNote> Notes,
    IReadOnlyList<ChartMarker> Markers);
