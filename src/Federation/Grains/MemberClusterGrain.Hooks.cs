using Federation.Hooks;
using Federation.Scheduling;

namespace Federation.Grains;

// Member hooks (fleet-wide, from the settings): BeforeDrain before a member starts draining,
// AfterDrain once it is empty (see MemberClusterGrain.Drain), AfterRetire once it is retired. They
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
        target == MemberState.Draining && current != MemberState.Draining ? HookKind.BeforeDrain : null;

    private static HookKind? HookAfter(MemberState current, MemberState target) =>
        target == MemberState.Retired && current != MemberState.Retired ? HookKind.AfterRetire : null;
}
