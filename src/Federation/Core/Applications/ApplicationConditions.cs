using Federation.Rollouts;

namespace Federation.Applications;

/// <summary>One condition of an application, as Kubernetes writes them: a type, whether it holds, a reason word and a message.</summary>
public sealed record Condition(string Type, bool Status, string Reason, string Message);

/// <summary>The rollout as the conditions see it: its templates and its progress.</summary>
public sealed record RolloutStanding(string FromHash, string ToHash, RolloutProgress Progress);

/// <param name="Ready">Ready replicas that count (reachable members only).</param>
/// <param name="Unknown">Last-known ready replicas of unreachable members.</param>
/// <param name="Floor">Ready replicas the application must keep: replicas − maxUnavailable.</param>
/// <param name="Deleting">The application is being deleted: it progresses towards nothing.</param>
/// <param name="WaitingForHook">The hook that holds a source's lowering, in words (null: none).</param>
public sealed record ConditionInput(
    int Ready,
    int Unknown,
    int Floor,
    int Shortfall,
    bool Deleting,
    OpenMigration? Migration,
    string? WaitingForHook,
    RolloutStanding? Rollout);

/// <summary>
/// An application's conditions: Available (ready at or above the floor), Progressing (what moves,
/// or what holds it, and a rollout's course when no migration is open) and Scheduled (every replica
/// has a member).
/// </summary>
public static class ApplicationConditions
{
    public static IReadOnlyList<Condition> Of(ConditionInput input)
    {
        var (ready, floor, shortfall) = (input.Ready, input.Floor, input.Shortfall);
        return
        [
            new("Available", ready >= floor, ready >= floor ? "AtOrAboveFloor" : "BelowFloor",
                $"{ready} ready, floor {floor}" + (input.Unknown > 0 ? $", unknown: {input.Unknown} (unreachable)" : "")),
            Progressing(input),
            new("Scheduled", shortfall == 0, shortfall == 0 ? "AllPlaced" : "Shortfall", shortfall == 0 ? "every replica has a member" : $"{shortfall} replica(s) fit nowhere"),
        ];
    }

    private static Condition Progressing(ConditionInput input) => (input.Migration, input.Rollout) switch
    {
        (null, { } r) when r.Progress.Phase != RolloutPhase.Succeeded => Rollout(r),
        (null, _) => new("Progressing", input.Deleting, "Steady", "placement reached"),
        ({ }, _) when input.WaitingForHook is { } hook => new("Progressing", true, "WaitingForHook", hook),
        ({ Blocked: { } blocked } m, _) => new("Progressing", true, blocked, $"{m.BlockedMessage}; would unblock: {m.Unblock}"),
        ({ StuckReason: { } stuck }, _) => new("Progressing", true, "Stuck", stuck),
        ({ } m, _) => new("Progressing", true, "Migrating", $"{m.Reason}: {m.Remaining} replica(s) to move"),
    };

    private static Condition Rollout(RolloutStanding r)
    {
        var p = r.Progress;
        var failed = string.Join("; ", p.Members.Where(m => m.Value.Reason is not null).OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}: {m.Value.Reason}"));
        return p.Phase switch
        {
            RolloutPhase.RolledBack => new("Progressing", false, "RolledBack", $"template {r.ToHash} rolled back ({p.Reason}); failed: {(failed.Length > 0 ? failed : "none")}"),
            RolloutPhase.Halted => new("Progressing", false, "Halted", $"template {r.ToHash} halted; failed: {failed}"),
            RolloutPhase.RollingBack => new("Progressing", true, "RollingBack", $"returning to template {r.FromHash} ({p.Reason})"),
            _ => new("Progressing", true, p.Paused ? "RolloutPaused" : "RollingOut",
                $"wave {p.Wave + 1}: {string.Join(", ", p.Members.Where(m => m.Value.Phase is MemberPhase.Updating or MemberPhase.Soaking).Select(m => $"{m.Key} {m.Value.Phase}"))}"),
        };
    }
}
