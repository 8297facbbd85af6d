namespace Federation.Rollouts;

/// <summary>Which members form which wave: the canary first, then each wave's selection, then the members no wave selects.</summary>
public static class WaveAssignment
{
    public static IReadOnlyList<IReadOnlyList<string>> Of(RolloutPolicy policy, IReadOnlyList<WaveMember> members)
    {
        var left = members.OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        var waves = new List<IReadOnlyList<string>>();

        // 1. Selected waves in order; a member belongs to the first wave that selects it.
        //    A wave that selects nobody (yet) is dropped, so wave numbers count real waves.
        var selectors = (policy.Canary is { } canary ? [canary] : Array.Empty<WaveSelector>()).Concat(policy.Waves);
        foreach (var selector in selectors)
        {
            var wave = left.Where(m => selector.Matches(m.Name, m.Labels)).Select(m => m.Name).ToList();
            left.RemoveAll(m => wave.Contains(m.Name, StringComparer.Ordinal));
            if (wave.Count > 0)
            {
                waves.Add(wave);
            }
        }

        // 2. The rest: one last wave after given waves, or waves of maxConcurrency members (by name) without them.
        if (left.Count == 0)
        {
            return waves;
        }

        if (policy.Waves.Count > 0)
        {
            waves.Add([.. left.Select(m => m.Name)]);
            return waves;
        }

        var size = Math.Max(1, policy.MaxConcurrency?.Of(members.Count) ?? 1);
        waves.AddRange(left.Select(m => m.Name).Chunk(size).Select(c => (IReadOnlyList<string>)c));
        return waves;
    }

    /// <summary>True when a failure in this wave exceeds any budget: the canary tolerates none.</summary>
    public static bool IsCanary(RolloutPolicy policy, IReadOnlyList<WaveMember> members, int wave) =>
        wave == 0 && policy.Canary is { } canary && members.Any(m => canary.Matches(m.Name, m.Labels));
}
