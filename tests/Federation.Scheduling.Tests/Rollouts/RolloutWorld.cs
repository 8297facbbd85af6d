using Federation.Rollouts;

namespace Federation.Scheduling.Tests.Rollouts;

/// <summary>
/// Members that do what they are told: a member given a template settles on it one round later,
/// unless the new template crashes there; lost members report nothing.
/// </summary>
internal sealed class RolloutWorld
{
    public const string Old = "old";
    public const string New = "new";

    public RolloutWorld(RolloutPolicy policy, params string[] members)
    {
        Policy = policy;
        Members = [.. members.Select(m => new WaveMember(m, new Dictionary<string, string>()))];
        foreach (var m in members)
        {
            Hash[m] = Old;
        }
    }

    public RolloutPolicy Policy { get; }

    public List<WaveMember> Members { get; set; }

    public Dictionary<string, string> Hash { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Crashing { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Lost { get; } = new(StringComparer.Ordinal);

    /// <summary>Members whose Deployment has not caught up with the template given last round.</summary>
    public HashSet<string> Unsettled { get; } = new(StringComparer.Ordinal);

    public DateTimeOffset Now { get; set; } = DateTimeOffset.Parse("2026-01-01T00:00:00Z");

    public RolloutProgress Progress { get; set; } = RolloutProgress.Start(DateTimeOffset.Parse("2026-01-01T00:00:00Z"));

    public List<RolloutNote> Notes { get; } = [];

    public MemberObservation Observe(string m)
    {
        var settled = !Unsettled.Contains(m);
        var crashing = Hash[m] == New && Crashing.Contains(m);
        return new MemberObservation(m, Lost.Contains(m), Hash[m], 3, 3, settled && !crashing ? 3 : 1, settled && !crashing ? 3 : 2, settled && !crashing ? 3 : 2, 2, settled ? 2 : 1, crashing ? 1 : 0, null, crashing ? "CrashLoopBackOff" : null);
    }

    /// <summary>One decision, then the members apply what it asks.</summary>
    public RolloutDecision Step(TimeSpan? advance = null)
    {
        Now += advance ?? TimeSpan.FromSeconds(1);
        var observed = Members.ToDictionary(m => m.Name, m => Observe(m.Name), StringComparer.Ordinal);
        var d = WaveDecider.Next(new RolloutInput(Policy, Old, New, Members, observed, Progress, TimeSpan.FromMinutes(1), Now));
        Progress = d.Progress;
        Notes.AddRange(d.Notes);
        Unsettled.Clear();
        foreach (var m in Members.Where(m => !Lost.Contains(m.Name)))
        {
            var want = Progress.OnNew(m.Name) ? New : Old;
            if (Hash[m.Name] != want)
            {
                Hash[m.Name] = want;
                Unsettled.Add(m.Name);
            }
        }

        return d;
    }

    public MemberPhase Phase(string m) => Progress.Members[m].Phase;

    public static RolloutPolicy Policy_(params string[][] waves) => RolloutPolicy.Default with
    {
        Strategy = RolloutStrategy.Progressive,
        Waves = [.. waves.Select(w => new WaveSelector(w, new Dictionary<string, string>()))],
        Soak = TimeSpan.FromSeconds(10),
        ProgressDeadline = TimeSpan.FromMinutes(5),
    };
}
