namespace Federation.Rollouts;

/// <summary>The manual controls of a rollout, as progress changes; each refuses what makes no sense in the current phase.</summary>
public static class RolloutControl
{
    /// <summary>Applies pause, resume, promote or abort; returns null with the reason when it does not apply.</summary>
    public static (RolloutProgress? Progress, string Message) Apply(RolloutProgress progress, string action) => (action, progress.Phase) switch
    {
        ("pause", RolloutPhase.Progressing) => (progress with { Paused = true }, "paused: no further member starts"),
        ("resume", RolloutPhase.Progressing) => (progress with { Paused = false }, "resumed"),
        ("promote", RolloutPhase.Progressing) => (progress with { PromotedWave = progress.Wave }, $"wave {progress.Wave + 1} promoted: its remaining soak is skipped"),
        ("abort", RolloutPhase.Progressing or RolloutPhase.Halted) =>
            (progress with { Phase = RolloutPhase.RollingBack, Paused = false, Reason = "aborted" }, "aborted: changed members return to the previous template"),
        (_, _) => (null, $"the rollout is {progress.Phase}; {action} applies to a progressing rollout"),
    };
}
