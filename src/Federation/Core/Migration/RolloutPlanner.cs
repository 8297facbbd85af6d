namespace Federation.Migration;

/// <summary>
/// Moves an application's Deployments from where they are towards the scheduler's target, one
/// step at a time, so that ready replicas never fall below the floor (replicas − maxUnavailable)
/// while the sources are healthy: targets are raised by at most a step beyond the total, and a
/// source is lowered only by what the replicas ready elsewhere can cover. Pure and idempotent:
/// called again with the same observations it returns the same writes.
/// </summary>
public static class RolloutPlanner
{
    public static StepDecision Next(StepInput input)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(input.Replicas);
        ArgumentOutOfRangeException.ThrowIfNegative(input.MaxUnavailable);
        var step = Math.Max(1, input.StepSize);
        var floor = Math.Max(0, input.Replicas - input.MaxUnavailable);
        var members = input.Members.OrderBy(m => m.Name, StringComparer.Ordinal).ToList();
        var writes = new Dictionary<string, int>(StringComparer.Ordinal);

        // 1. Replicas on unreachable members are not counted as ready: they may be gone already,
        //    and they cannot be written to.
        var reachable = members.Where(m => m.Reachable).ToList();
        var ready = reachable.Sum(m => Math.Min(m.Ready, m.Applied));

        // 2. Lower sources by what the floor allows: unready replicas go first (as the Deployment
        //    controller removes them first); ready ones only while the rest stays at or above the floor.
        string? waiting = null;
        foreach (var m in reachable.Where(m => m.Applied > m.Target))
        {
            var excess = m.Applied - m.Target;
            var unready = m.Applied - Math.Min(m.Ready, m.Applied);
            var readyToSpare = Math.Max(0, ready - floor);
            var lower = Math.Min(excess, unready + readyToSpare);
            if (lower > 0)
            {
                writes[m.Name] = m.Applied - lower;
                ready -= Math.Max(0, lower - unready);
            }

            if (lower < excess)
            {
                waiting ??= $"{excess - lower} replica(s) on {m.Name} wait for replicas ready elsewhere (ready {ready}, floor {floor})";
            }
        }

        // 3. Raise targets while the reachable total, after the lowering, stays within replicas + step (the surge).
        //    Replicas an unreachable member holds within its target are presumed running (it has not
        //    failed over, or the scheduler would have taken them away), so they count too; only
        //    those above its target are lost and raised elsewhere at once.
        var room = input.Replicas + step
            - reachable.Sum(m => writes.TryGetValue(m.Name, out var w) ? w : m.Applied)
            - members.Where(m => !m.Reachable).Sum(m => Math.Min(m.Applied, m.Target));
        foreach (var m in reachable.Where(m => m.Applied < m.Target))
        {
            var raise = Math.Min(m.Target - m.Applied, Math.Max(0, room));
            if (raise > 0)
            {
                writes[m.Name] = m.Applied + raise;
                room -= raise;
            }
        }

        // 4. What is left to move: every replica above target, reachable or not.
        var remaining = members.Sum(m => Math.Max(0, (writes.TryGetValue(m.Name, out var w) ? w : m.Applied) - m.Target));
        var unreachableLeft = members.Where(m => !m.Reachable && m.Applied > m.Target).Select(m => m.Name).ToList();
        if (waiting is null && unreachableLeft.Count > 0)
        {
            waiting = $"unreachable member(s) {string.Join(", ", unreachableLeft)} to scale down when they return";
        }

        return new StepDecision(writes, remaining, floor, reachable.Sum(m => Math.Min(m.Ready, m.Applied)), waiting);
    }
}
