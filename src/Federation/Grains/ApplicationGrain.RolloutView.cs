using Federation.Rollouts;

namespace Federation.Grains;

// How the application shows its rollout: the view, and the Progressing condition while it runs or after it stopped.
public sealed partial class ApplicationGrain
{
    private RolloutView? RolloutView()
    {
        if (state.State.Rollout is not { } r)
        {
            return null;
        }

        var p = r.Progress;
        var members = p.Members.OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => new RolloutMemberView(m.Key, m.Value.Phase.ToString(), state.State.AppliedTemplate.GetValueOrDefault(m.Key), m.Value.Since, m.Value.Reason))
            .ToList();
        return new RolloutView(p.Phase.ToString(), p.Wave, _waves, members, p.Paused, r.FromHash, r.ToHash, p.Reason, p.StartedAt);
    }

    private static ConditionView RolloutCondition(RolloutRecord r)
    {
        var p = r.Progress;
        var failed = string.Join("; ", p.Members.Where(m => m.Value.Reason is not null).OrderBy(m => m.Key, StringComparer.Ordinal).Select(m => $"{m.Key}: {m.Value.Reason}"));
        return p.Phase switch
        {
            RolloutPhase.RolledBack => new("Progressing", false, "RolledBack", $"template {r.ToHash} rolled back ({p.Reason}); failed: {(failed.Length > 0 ? failed : "none")}"),
            RolloutPhase.Halted => new("Progressing", false, "Halted", $"template {r.ToHash} halted; failed: {failed}"),
            RolloutPhase.RollingBack => new("Progressing", true, "RollingBack", $"returning to template {r.FromHash} ({p.Reason})"),
            _ => new("Progressing", true, p.Paused ? "RolloutPaused" : "RollingOut", $"wave {p.Wave + 1}: {string.Join(", ", p.Members.Where(m => m.Value.Phase is MemberPhase.Updating or MemberPhase.Soaking).Select(m => $"{m.Key} {m.Value.Phase}"))}"),
        };
    }
}
