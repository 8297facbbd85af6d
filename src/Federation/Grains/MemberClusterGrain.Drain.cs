using Federation.Hooks;
using Federation.Membership;
using Federation.Reports;
using Federation.Scheduling;

namespace Federation.Grains;

// A drain or retirement from start to end: it opens the member's decommission report, and once the
// host knows no application holds replicas here any more the report ends and the AfterDrain hook
// is called — once: the record says so, persisted before and after the call.
public sealed partial class MemberClusterGrain
{
    private static readonly IReadOnlySet<MemberState> Emptying = MemberActions.Retire.Emptying;

    private IDecommissionReportGrain Report => DecommissionReportGrain.For(GrainFactory, Name);

    /// <summary>Called before a state change: opens (or closes, stopped) the drain record and the report.</summary>
    private async Task TrackDrainAsync(MemberState current, MemberState target, DateTimeOffset now)
    {
        if (Emptying.Contains(target))
        {
            var action = target == MemberState.Retired ? MemberActions.Retire.Name : MemberActions.Drain.Name;
            // A drained member that is then retired is emptied again under a record of its own, so
            // that the retirement ends with its own hooks and report; one retired mid-drain goes on.
            if (!Emptying.Contains(current) || state.State.Drain is not { } open)
            {
                state.State = state.State with { Drain = new DrainRecord(now, action, null, false) };
            }
            else if (open.Action != action && target == MemberState.Retired)
            {
                state.State = state.State with { Drain = new DrainRecord(open.EmptiedAt is null ? open.StartedAt : now, action, null, false) };
            }

            await Report.BeginAsync(action, now);
        }
        else if (Emptying.Contains(current))
        {
            await EndDrainAsync($"{Name} became {target} while it was being emptied, before it was empty");
        }
    }

    /// <summary>The member leaves the draining states (or the fleet): a report still open ends, stopped, saying why.</summary>
    private async Task EndDrainAsync(string why)
    {
        if (state.State.Drain is not { } drain)
        {
            return;
        }

        if (drain.EmptiedAt is null)
        {
            await Report.FinishAsync(time.GetUtcNow(), ReportOutcome.Stopped, why);
        }

        state.State = state.State with { Drain = null };
    }

    /// <summary>On every probe while draining: the member found empty ends the report and calls AfterDrain.</summary>
    private async Task CheckDrainedAsync()
    {
        if (state.State.Drain is not { } drain || !Emptying.Contains(state.State.State))
        {
            return;
        }

        if (drain.EmptiedAt is null)
        {
            if (!await Host.IsEmptiedAsync(Name))
            {
                return;
            }

            var now = time.GetUtcNow();
            drain = drain with { EmptiedAt = now };
            state.State = state.State with { Drain = drain };
            await state.WriteStateAsync();
            Record("Drained", $"{drain.Action} complete: {Name} holds no replicas ({(now - drain.StartedAt).TotalSeconds:0.0}s)");
        }

        // AfterDrain before the report ends, so that a reader of the ended report finds its answer;
        // the report ends at the moment the member was found empty.
        if (!drain.AfterDrainCalled)
        {
            await NotifyAsync(HookKind.AfterDrain, $"{drain.Action} complete");
            if (drain.Action == MemberActions.Retire.Name)
            {
                await NotifyAsync(HookKind.AfterRetire, "retired and empty");
            }
            await Report.FinishAsync(drain.EmptiedAt!.Value, ReportOutcome.Completed, null);
            state.State = state.State with { Drain = drain with { AfterDrainCalled = true } };
            await state.WriteStateAsync();
        }
    }
}
