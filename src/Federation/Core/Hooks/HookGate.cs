namespace Federation.Hooks;

/// <summary>
/// Which hooks are due in a migration step, and which source lowerings they hold. Pure: the grain
/// gives the planner's lowerings, the raises made, the ready counts and the migration's record of
/// calls, calls what is due, records the outcomes, and asks again what is held.
/// A step's hook is called once per attempt: a succeeded (or ignored) call is never repeated for
/// the same step; a failed one is tried again, attempt + 1, after a backoff that doubles per attempt.
/// </summary>
public static class HookGate
{
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan MostBackoff = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The hook calls due now, AfterReady first (new replicas join before old ones leave), each with
    /// its attempt number: AfterReady for every raise whose replicas are all ready, BeforeScaleDown
    /// for every lowering the planner wants.
    /// </summary>
    public static IReadOnlyList<(HookStep Step, int Attempt)> Due(
        IReadOnlySet<HookKind> configured,
        IReadOnlyDictionary<string, (int Before, int After)> lowerings,
        IReadOnlyList<HookRaise> raises,
        IReadOnlyDictionary<string, int> ready,
        IReadOnlyList<HookCall> calls,
        DateTimeOffset now)
    {
        var steps = new List<HookStep>();
        if (configured.Contains(HookKind.AfterReady))
        {
            steps.AddRange(raises
                .Where(r => r.After > r.Before && ready.GetValueOrDefault(r.Member) >= r.After)
                .OrderBy(r => r.Member, StringComparer.Ordinal)
                .ThenBy(r => r.After)
                .Select(r => new HookStep(HookKind.AfterReady, r.Member, r.Before, r.After)));
        }

        if (configured.Contains(HookKind.BeforeScaleDown))
        {
            steps.AddRange(lowerings
                .Where(l => l.Value.After < l.Value.Before)
                .OrderBy(l => l.Key, StringComparer.Ordinal)
                .Select(l => new HookStep(HookKind.BeforeScaleDown, l.Key, l.Value.Before, l.Value.After)));
        }

        var due = new List<(HookStep, int)>();
        foreach (var step in steps)
        {
            var last = calls.LastOrDefault(c => c.Step == step);
            if (last is null)
            {
                due.Add((step, 1));
            }
            else if (last.Outcome == HookOutcome.Failed && now >= last.At + Backoff(last.Attempt))
            {
                due.Add((step, last.Attempt + 1));
            }
        }

        return due;
    }

    /// <summary>Members whose lowering waits for its BeforeScaleDown: not called yet, or its last call failed under <c>Fail</c>.</summary>
    public static IReadOnlySet<string> Held(
        IReadOnlySet<HookKind> configured, IReadOnlyDictionary<string, (int Before, int After)> lowerings, IReadOnlyList<HookCall> calls)
    {
        if (!configured.Contains(HookKind.BeforeScaleDown))
        {
            return new HashSet<string>(StringComparer.Ordinal);
        }

        return lowerings
            .Where(l => l.Value.After < l.Value.Before)
            .Where(l => calls.LastOrDefault(c => c.Step == new HookStep(HookKind.BeforeScaleDown, l.Key, l.Value.Before, l.Value.After))
                is not { Outcome: HookOutcome.Succeeded or HookOutcome.Ignored })
            .Select(l => l.Key)
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>
    /// AfterReady calls a migration still owes: raises whose replicas run ready and whose hook was
    /// never called, or whose last call failed under <c>Fail</c>. A migration that owes one is not
    /// complete yet, or the call would be lost with its record.
    /// </summary>
    public static IReadOnlyList<HookStep> Owed(
        IReadOnlySet<HookKind> configured,
        IReadOnlyList<HookRaise> raises,
        IReadOnlyDictionary<string, int> ready,
        IReadOnlyList<HookCall> calls)
    {
        if (!configured.Contains(HookKind.AfterReady))
        {
            return [];
        }

        return [.. raises
            .Where(r => r.After > r.Before && ready.GetValueOrDefault(r.Member) >= r.After)
            .Select(r => new HookStep(HookKind.AfterReady, r.Member, r.Before, r.After))
            .Distinct()
            .Where(step => calls.LastOrDefault(c => c.Step == step) is null or { Outcome: HookOutcome.Failed })];
    }

    /// <summary>The wait after a failed attempt before the next: 1s, 2s, 4s, ... up to 30s.</summary>
    public static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromTicks(Math.Min(MostBackoff.Ticks, FirstBackoff.Ticks << Math.Clamp(attempt - 1, 0, 20)));

    /// <summary>How a call ended under the policy: a 2xx succeeded; anything else failed, or was ignored.</summary>
    public static HookOutcome Outcome(bool succeeded, HookFailurePolicy policy) =>
        succeeded ? HookOutcome.Succeeded : policy == HookFailurePolicy.Ignore ? HookOutcome.Ignored : HookOutcome.Failed;
}
