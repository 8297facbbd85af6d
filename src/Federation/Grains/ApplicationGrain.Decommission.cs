using Federation.Hooks;
using Federation.Reports;
using Federation.Scheduling;

namespace Federation.Grains;

// Moves off a member being drained or retired, told to that member's decommission report after
// each reconcile that changed something: replicas left there, ready replicas against the floor,
// where they went, the migration's hook calls and what holds it. The last word is the one that
// says nothing is left there.
public sealed partial class ApplicationGrain
{
    /// <summary>What was last told to each member's report (its time aside), so an unchanged reconcile tells nothing.</summary>
    private readonly Dictionary<string, MoveUpdate> _toldReports = new(StringComparer.Ordinal);

    private async Task ReportMovesAsync(PlacementAnswer answer, MigrationRecord? migrating, IReadOnlyDictionary<string, int> appliedBefore)
    {
        var spec = state.State.Spec!;
        var account = Account();
        var migration = state.State.Migration ?? migrating;
        foreach (var member in answer.Members.Values.Where(m => m.Member.State is MemberState.Draining or MemberState.Retired))
        {
            var onMember = Math.Max(0, account.Of(member.Name)?.Remaining ?? 0);
            if (onMember == 0 && appliedBefore.GetValueOrDefault(member.Name) == 0 && !_toldReports.ContainsKey(member.Name))
            {
                continue;
            }

            var update = new MoveUpdate(
                Key,
                time.GetUtcNow(),
                migration?.Reason ?? (member.Member.State == MemberState.Retired ? "retire" : "drain"),
                onMember,
                spec.Replicas,
                Math.Max(0, spec.Replicas - spec.MaxUnavailable),
                account.Ready,
                migration?.Targets ?? [],
                [.. (migration?.HookCalls ?? []).Select(ToReport)],
                Holding(migration));
            if (_toldReports.TryGetValue(member.Name, out var told) && Same(told, update))
            {
                continue;
            }

            try
            {
                await DecommissionReportGrain.For(GrainFactory, member.Name).ObserveAsync(update);
            }
            catch (Exception e) when (e is OrleansException or TimeoutException)
            {
                // The report misses one reading; the next reconcile tells it again.
                logger.LogInformation("{Application}: telling the report of {Member} failed: {Message}", Key, member.Name, e.Message);
                continue;
            }

            if (onMember == 0)
            {
                _toldReports.Remove(member.Name);
            }
            else
            {
                _toldReports[member.Name] = update;
            }
        }
    }

    /// <summary>Why replicas are not moving, if anything holds them: a hook, no room, a stuck step, a shortfall.</summary>
    private string? Holding(MigrationRecord? migration) =>
        migration?.WaitingForHook
        ?? (migration?.Blocked is { } blocked ? $"{blocked}: {migration.BlockedMessage}" : null)
        ?? migration?.StuckReason
        ?? (state.State.Shortfall > 0 ? $"{state.State.Shortfall} replica(s) fit nowhere" : null);

    private static bool Same(MoveUpdate a, MoveUpdate b) =>
        a with { At = b.At, Targets = b.Targets, Hooks = b.Hooks } == b
        && a.Targets.SequenceEqual(b.Targets)
        && a.Hooks.Count == b.Hooks.Count;

    private static ReportHook ToReport(HookCall c) =>
        new(c.At, c.Step.Kind.ToString(), c.Step.Member, c.Step.Before, c.Step.After, c.Attempt, c.Outcome.ToString(), c.Status, c.Answer);
}
