using Federation.Hooks;
using Federation.Migration;

namespace Federation.Grains;

// Hooks around moves: before a source is lowered its BeforeScaleDown is called (a failure under
// Fail holds the lowering: the source keeps its replicas), after a raised target runs ready its
// AfterReady. HookGate decides what is due from the migration's record of calls; the calls are
// persisted before the step acts, so a restart never calls a succeeded hook again.
public sealed partial class ApplicationGrain
{
    public async Task<IReadOnlyList<HookTestView>?> TestHooksAsync()
    {
        if (state.State.Spec is not { } spec)
        {
            return null;
        }

        var results = new List<HookTestView>();
        foreach (var hook in HookSelection.For(spec.Hooks, options.Value.Hooks).Values.OrderBy(h => h.On))
        {
            // A sample step: one replica of a member named "sample" leaving (or arriving), attempt 1, no migration.
            var (before, after) = hook.On == HookKind.AfterReady ? (1, 2) : (2, 1);
            var answer = await hookCaller.CallAsync(hook, new HookPayload(hook.On, Key, "sample", before, after, "test", null, 1));
            results.Add(new HookTestView(hook.On, hook.Url, answer.Succeeded, answer.Status, answer.Answer, answer.Tries));
        }

        return results;
    }

    private async Task<StepDecision> GateByHooksAsync(ApplicationSpec spec, StepInput input, StepDecision decision, DateTimeOffset now)
    {
        var hooks = HookSelection.For(spec.Hooks, options.Value.Hooks);
        if (hooks.Count == 0)
        {
            return decision;
        }

        var kinds = hooks.Keys.ToHashSet();
        var lowerings = decision.Writes
            .Where(w => w.Value < state.State.Applied.GetValueOrDefault(w.Key))
            .ToDictionary(w => w.Key, w => (Before: state.State.Applied.GetValueOrDefault(w.Key), After: w.Value), StringComparer.Ordinal);
        var migration = state.State.Migration;
        if (migration is null)
        {
            // The migration (and its id, which the hooks receive) is recorded at the end of this
            // reconcile: lowerings wait for the next one.
            return lowerings.Count > 0 && kinds.Contains(HookKind.BeforeScaleDown) ? Hold(input, decision, lowerings.Keys) : decision;
        }

        // 1. Call what is due, in order, and persist the outcomes before anything acts on them.
        var calls = (migration.HookCalls ?? []).ToList();
        var ready = state.State.Observed.ToDictionary(o => o.Key, o => Math.Min(o.Value.Ready, state.State.Applied.GetValueOrDefault(o.Key)), StringComparer.Ordinal);
        var due = HookGate.Due(kinds, lowerings, migration.Raises ?? [], ready, calls, now);
        foreach (var (step, attempt) in due)
        {
            var hook = hooks[step.Kind];
            var answer = await hookCaller.CallAsync(hook, new HookPayload(step.Kind, Key, step.Member, step.Before, step.After, migration.Reason, migration.Id, attempt));
            var outcome = HookGate.Outcome(answer.Succeeded, hook.FailurePolicy);
            calls.Add(new HookCall(step, attempt, outcome, answer.Status, answer.Answer, time.GetUtcNow()));
            Record(
                outcome == HookOutcome.Succeeded ? "HookCalled" : "HookFailed",
                step.Kind == HookKind.BeforeScaleDown ? step.Member : null,
                step.Kind == HookKind.AfterReady ? step.Member : null,
                Math.Abs(step.Before - step.After),
                $"{step.Kind} {step.Member} {step.Before} → {step.After}, attempt {attempt}: {answer.Answer}{(outcome == HookOutcome.Ignored ? " (ignored)" : "")}",
                step.Kind.ToString());
        }

        // 2. What stays held: a lowering whose BeforeScaleDown has not succeeded.
        var held = HookGate.Held(kinds, lowerings, calls);
        var waiting = held.Count == 0
            ? null
            : string.Join("; ", held.Order(StringComparer.Ordinal).Select(m =>
                calls.LastOrDefault(c => c.Step.Kind == HookKind.BeforeScaleDown && c.Step.Member == m) is { } last
                    ? $"BeforeScaleDown of {m} answered {last.Answer} (attempt {last.Attempt}); {m} keeps its replicas"
                    : $"BeforeScaleDown of {m} not called yet"));
        var updated = migration with { HookCalls = calls, WaitingForHook = waiting };
        if (updated != migration)
        {
            if (waiting is not null && migration.WaitingForHook is null)
            {
                Record("WaitingForHook", string.Join(",", held), null, 0, waiting, "WaitingForHook");
            }

            state.State.Migration = updated;
            if (due.Count > 0)
            {
                await state.WriteStateAsync();
            }
            else
            {
                _dirty = true;
            }
        }

        return held.Count == 0 ? decision : Hold(input, decision, held);
    }

    /// <summary>
    /// The step again with the held sources kept where they are: their replicas stay, and targets are
    /// raised only within the surge that counts them. What is left to move is still the whole.
    /// </summary>
    private static StepDecision Hold(StepInput input, StepDecision decision, IEnumerable<string> held)
    {
        var keep = held.ToHashSet(StringComparer.Ordinal);
        var replanned = RolloutPlanner.Next(input with { Members = [.. input.Members.Select(m => keep.Contains(m.Name) ? m with { Target = m.Applied } : m)] });
        return replanned with { Remaining = decision.Remaining };
    }

    /// <summary>Targets raised by this step, noted in the migration so that their AfterReady is owed once they run ready.</summary>
    private void NoteRaises(ApplicationSpec spec, IReadOnlyDictionary<string, int> writes, IReadOnlyDictionary<string, int> appliedBefore)
    {
        if (state.State.Migration is not { } migration || !HookSelection.For(spec.Hooks, options.Value.Hooks).ContainsKey(HookKind.AfterReady))
        {
            return;
        }

        // Noted before the migration is accounted for (it may complete in this very reconcile) and
        // again after (it may have started in it): a raise already noted is not noted twice.
        var raises = writes
            .Where(w => w.Value > appliedBefore.GetValueOrDefault(w.Key))
            .Select(w => new HookRaise(w.Key, appliedBefore.GetValueOrDefault(w.Key), w.Value))
            .Except(migration.Raises ?? [])
            .ToList();
        if (raises.Count > 0)
        {
            state.State.Migration = migration with { Raises = [.. migration.Raises ?? [], .. raises] };
            _dirty = true;
        }
    }

    /// <summary>
    /// An AfterReady the migration still owes (a raise that runs ready, not answered): the migration
    /// is not complete until the next reconcile has called it, which comes at once.
    /// </summary>
    private bool OwesAfterReady(MigrationRecord migration)
    {
        var kinds = HookSelection.For(state.State.Spec!.Hooks, options.Value.Hooks).Keys.ToHashSet();
        var ready = state.State.Observed.ToDictionary(o => o.Key, o => Math.Min(o.Value.Ready, state.State.Applied.GetValueOrDefault(o.Key)), StringComparer.Ordinal);
        var owed = HookGate.Owed(kinds, migration.Raises ?? [], ready, migration.HookCalls ?? []);
        if (owed.Count == 0)
        {
            return false;
        }

        // One never called is due now; a failed one waits for its backoff on the resync timer.
        if (owed.Any(step => migration.HookCalls?.Any(c => c.Step == step) != true))
        {
            _ = this.AsReference<IApplicationGrain>().PokeAsync("an AfterReady hook is owed", time.GetUtcNow());
        }

        return true;
    }
}
