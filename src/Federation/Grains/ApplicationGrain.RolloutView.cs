using Federation.Rollouts;

namespace Federation.Grains;

// How the application shows its rollout (its Progressing condition is decided in Core, with the others).
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
}
