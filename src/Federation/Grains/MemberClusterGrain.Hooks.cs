using Federation.Hooks;
using Federation.Scheduling;

namespace Federation.Grains;

// Member hooks (fleet-wide, from the settings): BeforeDrain before replicas start leaving a member
// (drained, or retired straight away), AfterDrain once it is empty and, for a retirement, AfterRetire
// then (see MemberClusterGrain.Drain). They
// are runbook notifications: the answer is recorded as an event and in the member's decommission
// report, and a failure never holds the member's state change.
public sealed partial class MemberClusterGrain
{
    private async Task NotifyAsync(HookKind kind, string reason)
    {
        foreach (var hook in options.Value.Hooks.Where(h => h.On == kind))
        {
            var answer = await hookCaller.CallAsync(hook, new HookPayload(kind, "", Name, 0, 0, reason, null, 1));
            Record(answer.Succeeded ? "HookCalled" : "HookFailed", $"{kind} {Name}: {answer.Answer}");
            var outcome = HookGate.Outcome(answer.Succeeded, HookFailurePolicy.Ignore);
            await Report.MemberHookAsync(new Reports.ReportHook(time.GetUtcNow(), kind.ToString(), Name, 0, 0, 1, outcome.ToString(), answer.Status, answer.Answer));
        }
    }

    private static HookKind? HookBefore(MemberState current, MemberState target) =>
        Emptying.Contains(target) && !Emptying.Contains(current) ? HookKind.BeforeDrain : null;
}
