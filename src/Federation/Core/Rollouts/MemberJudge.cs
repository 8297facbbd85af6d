namespace Federation.Rollouts;

/// <summary>One started member against its observation and the clock: settled, soaked, or failed and why.</summary>
internal static class MemberJudge
{
    public static MemberRollout Judge(RolloutInput input, MemberRollout m, MemberObservation? o, bool promoted)
    {
        if (m.Phase is not (MemberPhase.Updating or MemberPhase.Soaking))
        {
            return m;
        }

        // 1. A lost member proves nothing about the version: its deadline starts again when it is back.
        //    Nor does one the new template has not been written to yet (a write waiting for a member
        //    just back, or its client's back-off): the deadline counts from the write.
        if (o is null || o.Lost || o.Hash != input.ToHash)
        {
            return m with { Phase = MemberPhase.Updating, Since = input.Now, HealthySince = null };
        }

        // 2. The new revision's pods tell: crash loops fail at once, unready pods after a while.
        if (o.Hash == input.ToHash && o.Crashing > 0)
        {
            return Fail(m, input.Now, $"{o.Crashing} pod(s) of the new template crash-looping" + (o.Problem is { } p ? $" ({p})" : ""));
        }

        if (o.Hash == input.ToHash && o.UnreadySince is { } since && input.Now - since >= input.UnreadyAfter)
        {
            return Fail(m, input.Now, $"pods of the new template unready for {input.UnreadyAfter.TotalSeconds:0}s" + (o.Problem is { } p ? $" ({p})" : ""));
        }

        // 3. Settled: soak, then succeed; no longer settled: back to updating, with a fresh deadline.
        if (o.Settled(input.ToHash))
        {
            var healthy = m.HealthySince ?? input.Now;
            return promoted || input.Now - healthy >= input.Policy.Soak
                ? new MemberRollout(MemberPhase.Succeeded, input.Now, healthy)
                : new MemberRollout(MemberPhase.Soaking, m.Since, healthy);
        }

        if (m.Phase == MemberPhase.Soaking)
        {
            return new MemberRollout(MemberPhase.Updating, input.Now);
        }

        return input.Now - m.Since > input.Policy.ProgressDeadline
            ? Fail(m, input.Now, $"not rolled out within progressDeadline {input.Policy.ProgressDeadline.TotalSeconds:0}s ({o.Updated}/{o.Desired} updated, {o.Ready} ready)")
            : m;
    }

    public static RolloutNote Note(string member, MemberRollout m) => m.Phase switch
    {
        MemberPhase.Failed => new("MemberFailed", member, $"{member}: {m.Reason}"),
        MemberPhase.Succeeded => new("MemberSucceeded", member, $"{member} runs the new template, healthy"),
        MemberPhase.Soaking => new("MemberSoaking", member, $"{member} settled on the new template; soaking"),
        _ => new("MemberUpdating", member, $"{member} is rolling out the new template"),
    };

    /// <summary>When the clock alone would change this member.</summary>
    public static IEnumerable<DateTimeOffset> Deadlines(RolloutInput input, MemberRollout m, MemberObservation? o)
    {
        if (m.Phase == MemberPhase.Updating)
        {
            yield return m.Since + input.Policy.ProgressDeadline + TimeSpan.FromMilliseconds(1);
        }

        if (m.Phase == MemberPhase.Soaking && m.HealthySince is { } healthy)
        {
            yield return healthy + input.Policy.Soak;
        }

        if (m.Phase is MemberPhase.Updating or MemberPhase.Soaking && o?.UnreadySince is { } since)
        {
            yield return since + input.UnreadyAfter;
        }
    }

    private static MemberRollout Fail(MemberRollout m, DateTimeOffset now, string reason) =>
        new(MemberPhase.Failed, now, m.HealthySince, reason);
}
