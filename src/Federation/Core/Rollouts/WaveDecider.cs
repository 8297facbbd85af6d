namespace Federation.Rollouts;

/// <summary>
/// Takes a progressive rollout one step: judges the members already given the new template
/// (settled, soaked, crashing, unready, past the deadline), stops at the failure budget (halt, or
/// roll back wave by wave in reverse), and starts the next wave only when every earlier one is
/// done. Pure and idempotent: the same observations and clock give the same progress.
/// </summary>
public static class WaveDecider
{
    public static RolloutDecision Next(RolloutInput input)
    {
        var waves = WaveAssignment.Of(input.Policy, input.Members);
        var members = Track(input.Progress, waves, input.Now);
        var notes = new List<RolloutNote>();
        var progress = input.Progress with { Members = members };

        if (progress.Phase == RolloutPhase.Progressing)
        {
            progress = Judge(input, waves, members, notes);
        }

        if (progress.Phase == RolloutPhase.RollingBack)
        {
            progress = RollBack(input, progress, waves, members, notes);
        }

        return new RolloutDecision(progress, notes, WakeAt(input, members));
    }

    /// <summary>Every member of a wave gets an entry; members the application left are forgotten.</summary>
    private static Dictionary<string, MemberRollout> Track(RolloutProgress progress, IReadOnlyList<IReadOnlyList<string>> waves, DateTimeOffset now)
    {
        var members = new Dictionary<string, MemberRollout>(StringComparer.Ordinal);
        foreach (var name in waves.SelectMany(w => w))
        {
            members[name] = progress.Members.GetValueOrDefault(name) ?? new MemberRollout(MemberPhase.Pending, now);
        }

        return members;
    }

    private static RolloutProgress Judge(RolloutInput input, IReadOnlyList<IReadOnlyList<string>> waves, Dictionary<string, MemberRollout> members, List<RolloutNote> notes)
    {
        var progress = input.Progress with { Members = members };

        // 1. Judge every started member against its observation and the clock.
        for (var w = 0; w < waves.Count; w++)
        {
            foreach (var name in waves[w])
            {
                var next = MemberJudge.Judge(input, members[name], input.Observed.GetValueOrDefault(name), promoted: progress.PromotedWave == w);
                if (next.Phase != members[name].Phase)
                {
                    notes.Add(MemberJudge.Note(name, next));
                }

                members[name] = next;
            }
        }

        // 2. The failure budget: the canary tolerates none, the rest maxFailures over the whole rollout.
        var failed = members.Where(m => m.Value.Phase == MemberPhase.Failed).Select(m => m.Key).ToList();
        var canaryFailed = waves.Count > 0 && WaveAssignment.IsCanary(input.Policy, input.Members, 0)
            && waves[0].Any(m => members[m].Phase == MemberPhase.Failed);
        if (failed.Count > 0 && (canaryFailed || failed.Count > input.Policy.MaxFailures.Of(members.Count)))
        {
            var why = string.Join("; ", failed.Select(m => $"{m}: {members[m].Reason}"));
            var phase = input.Policy.OnFailure == FailurePolicy.Halt ? RolloutPhase.Halted : RolloutPhase.RollingBack;
            notes.Add(new RolloutNote(phase == RolloutPhase.Halted ? "RolloutHalted" : "RollbackStarted", null,
                $"{failed.Count} member(s) failed{(canaryFailed ? " in the canary wave" : $", budget {input.Policy.MaxFailures}")}: {why}"));
            return progress with { Phase = phase, Reason = why };
        }

        // 3. The current wave is the first with a member still to finish; later waves wait for it.
        var wave = Enumerable.Range(0, waves.Count).FirstOrDefault(w => waves[w].Any(m => members[m].Phase is not (MemberPhase.Succeeded or MemberPhase.Failed)), -1);
        if (wave < 0)
        {
            notes.Add(new RolloutNote("RolloutSucceeded", null, $"every member runs the new template ({members.Count} member(s), {failed.Count} failed)"));
            return progress with { Phase = RolloutPhase.Succeeded, Wave = waves.Count };
        }

        // 4. Start the current wave's members, unless paused or before the start time / outside the window.
        var pending = waves[wave].Where(m => members[m].Phase == MemberPhase.Pending).ToList();
        if (!progress.Paused && input.ClosedUntil is null && pending.Count > 0)
        {
            foreach (var name in pending)
            {
                members[name] = new MemberRollout(MemberPhase.Updating, input.Now);
            }

            notes.Add(new RolloutNote("WaveStarted", null, $"wave {wave + 1}/{waves.Count}: {string.Join(", ", pending)} get the new template"));
        }

        return progress with { Wave = wave };
    }

    /// <summary>Returns the changed members to the previous template, the latest wave first, a wave once the one after it is back.</summary>
    private static RolloutProgress RollBack(RolloutInput input, RolloutProgress progress, IReadOnlyList<IReadOnlyList<string>> waves, Dictionary<string, MemberRollout> members, List<RolloutNote> notes)
    {
        // 1. Members returning: back once settled on the previous template (or lost: the write waits for them).
        foreach (var (name, m) in members.Where(m => m.Value.Phase == MemberPhase.RollingBack).ToList())
        {
            var o = input.Observed.GetValueOrDefault(name);
            if (o is null || o.Lost || o.Settled(input.FromHash))
            {
                members[name] = m with { Phase = MemberPhase.RolledBack, Since = input.Now };
                notes.Add(new RolloutNote("MemberRolledBack", name, $"{name} runs the previous template again"));
            }
        }

        if (members.Values.Any(m => m.Phase == MemberPhase.RollingBack))
        {
            return progress;
        }

        // 2. The latest wave with changed members goes back next.
        var wave = Enumerable.Range(0, waves.Count).Reverse().FirstOrDefault(w => waves[w].Any(m => members[m].Changed), -1);
        if (wave < 0)
        {
            notes.Add(new RolloutNote("RolledBack", null, $"every member runs the previous template; {progress.Reason}"));
            return progress with { Phase = RolloutPhase.RolledBack };
        }

        var back = waves[wave].Where(m => members[m].Changed).ToList();
        foreach (var name in back)
        {
            members[name] = members[name] with { Phase = MemberPhase.RollingBack, Since = input.Now };
        }

        notes.Add(new RolloutNote("WaveRollingBack", null, $"wave {wave + 1}/{waves.Count}: {string.Join(", ", back)} return to the previous template"));
        return progress with { Wave = wave };
    }

    /// <summary>The next moment the clock alone changes a member: a deadline, an unready limit, the end of a soak.</summary>
    private static DateTimeOffset? WakeAt(RolloutInput input, Dictionary<string, MemberRollout> members)
    {
        var times = members.SelectMany(m => MemberJudge.Deadlines(input, m.Value, input.Observed.GetValueOrDefault(m.Key)))
            .Append(input.ClosedUntil ?? DateTimeOffset.MinValue)
            .Where(t => t > input.Now).ToList();
        return times.Count == 0 ? null : times.Min();
    }
}
