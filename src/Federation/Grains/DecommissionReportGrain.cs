using Federation.Reports;

namespace Federation.Grains;

/// <summary>
/// The decommission report of one member (key: member name): the latest drain or retirement, and
/// the one before it. Applications tell it their moves, the member its start, end and hooks; the
/// folding is <see cref="DecommissionReports"/>. A change a reader must not lose (a move begun or
/// ended, a hook call, a note, the end) is written at once; a reading that only adds a sample or a
/// step is written within a second (a restart may lose that mark, the next reading restores the
/// figures). It calls no other grain.
/// </summary>
public sealed class DecommissionReportGrain(
    [PersistentState("report", "state")] IPersistentState<DecommissionReportState> state) : Grain, IDecommissionReportGrain
{
    private static readonly TimeSpan SampleWriteDelay = TimeSpan.FromSeconds(1);

    private IGrainTimer? _write;

    public static IDecommissionReportGrain For(IGrainFactory grains, string member) => grains.GetGrain<IDecommissionReportGrain>(member);

    public async Task BeginAsync(string action, DateTimeOffset at)
    {
        if (state.State.Latest is { Outcome: ReportOutcome.InProgress } open)
        {
            // Retiring a member that is draining goes on with the same report.
            if (open.Action != action)
            {
                state.State.Latest = DecommissionReports.Note(open with { Action = action }, at, $"{action} requested while the {open.Action} was in progress");
                await state.WriteStateAsync();
            }

            return;
        }

        state.State.Previous = state.State.Latest;
        state.State.Latest = DecommissionReports.Begin(this.GetPrimaryKeyString(), action, at);
        await state.WriteStateAsync();
    }

    public Task ObserveAsync(MoveUpdate update)
    {
        if (state.State.Latest is not { Outcome: ReportOutcome.InProgress } report)
        {
            return Task.CompletedTask;
        }

        var before = report.Applications.FirstOrDefault(a => a.Application == update.Application);
        var after = DecommissionReports.Observe(report, update);
        state.State.Latest = after;
        var move = after.Applications.FirstOrDefault(a => a.Application == update.Application);
        var lasting = before is null || move is null
            || (before.EndedAt, before.Hooks.Count, before.Notes.Count) != (move.EndedAt, move.Hooks.Count, move.Notes.Count);
        return lasting ? WriteAsync() : WriteSoon();
    }

    public Task MemberHookAsync(ReportHook hook)
    {
        if (state.State.Latest is not { } report)
        {
            return Task.CompletedTask;
        }

        state.State.Latest = DecommissionReports.MemberHook(report, hook);
        return WriteAsync();
    }

    public Task FinishAsync(DateTimeOffset at, ReportOutcome outcome, string? why)
    {
        if (state.State.Latest is not { Outcome: ReportOutcome.InProgress } report)
        {
            return Task.CompletedTask;
        }

        state.State.Latest = DecommissionReports.Finish(report, at, outcome, why);
        return WriteAsync();
    }

    public Task<DecommissionReport?> GetLatestAsync() => Task.FromResult(state.State.Latest);

    public override async Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        if (_write is not null)
        {
            await WriteAsync();
        }
    }

    private Task WriteSoon()
    {
        _write ??= this.RegisterGrainTimer(_ => WriteAsync(), new GrainTimerCreationOptions(SampleWriteDelay, Timeout.InfiniteTimeSpan));
        return Task.CompletedTask;
    }

    private Task WriteAsync()
    {
        _write?.Dispose();
        _write = null;
        return state.WriteStateAsync();
    }
}

/// <summary>A member's latest decommission report and the one before it.</summary>
[GenerateSerializer, Alias("fed.DecommissionReportState")]
public sealed class DecommissionReportState
{
    [Id(0)] public DecommissionReport? Latest { get; set; }

    [Id(1)] public DecommissionReport? Previous { get; set; }
}
