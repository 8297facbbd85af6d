namespace Federation.Grains;

// Members coming and going: a member that left the fleet is forgotten (what ran there is
// abandoned, not scaled down), and an orphan found on a member that joins again can be adopted.
public sealed partial class ApplicationGrain
{
    public async Task AdoptAsync(string member, int replicas)
    {
        if (state.State.Spec is null || state.State.Applied.ContainsKey(member))
        {
            return;
        }

        // Its replicas count as applied there; the template is unknown, so the next write sets ours,
        // and the rollout moves them to the placement like any other source.
        state.State.Applied[member] = replicas;
        state.State.AppliedTemplate[member] = "";
        Record("Adopted", null, member, replicas, $"adopted the orphaned Deployment on {member} ({replicas} replica(s))");
        await state.WriteStateAsync();
        _dirty = false;

        // Reconciled by a one-way poke, not here: the caller (the member's grain) must not wait on a
        // reconcile that may need that member's credentials from it.
        _ = this.AsReference<IApplicationGrain>().PokeAsync($"adopted on {member}", time.GetUtcNow());
    }

    /// <summary>
    /// A member holding replicas stopped answering. Until failoverAfter nothing is to be placed or
    /// written for it (its replicas stay), so there is no reconcile: the application shows the member
    /// unreachable, tells the host and the metrics, and sets its timer for failoverAfter. A member lost
    /// under 10,000 applications is then 10,000 short turns, not 10,000 reconciles that change nothing.
    /// </summary>
    public Task UnreachableAsync(MemberSnapshot member)
    {
        var now = time.GetUtcNow();
        if (_answer?.Members.GetValueOrDefault(member.Name) is { } known && known.ObservedAt >= member.ObservedAt)
        {
            // A reconcile has seen the member since (it may answer again): this news is old.
            return Task.CompletedTask;
        }

        if (state.State.Spec is not { } spec || _answer is not { } answer || !answer.Members.ContainsKey(member.Name)
            || member.Member.UnreachableSince is not { } since || since + FailoverAfterFor(spec) <= now)
        {
            // Nothing seen yet to amend, or its failoverAfter has passed already: a reconcile decides.
            return PokeAsync($"member {member.Name} unreachable", now);
        }

        _answer = answer with { Members = new Dictionary<string, MemberSnapshot>(answer.Members, StringComparer.Ordinal) { [member.Name] = member } };
        Report(_answer);
        WakeForFailover(_answer, spec, now);
        Pace(settled: false);
        return Task.CompletedTask;
    }

    /// <summary>A member that left the fleet cannot be written to any more; forget what was applied there.</summary>
    private void ForgetUnjoined(PlacementAnswer answer)
    {
        foreach (var m in state.State.Applied.Keys.Union(state.State.Observed.Keys).Where(m => !answer.Members.ContainsKey(m)).ToList())
        {
            if (state.State.Applied.GetValueOrDefault(m) is > 0 and var applied)
            {
                Record("Abandoned", m, null, applied, $"member {m} left the fleet: its Deployment ({applied} replica(s)) is left as it is, no longer managed; the other members take the replicas");
            }

            state.State.Applied.Remove(m);
            state.State.AppliedTemplate.Remove(m);
            state.State.AppliedOverrides.Remove(m);
            state.State.AppliedCompanions.Remove(m);
            state.State.Observed.Remove(m);
            state.State.UnreadySince.Remove(m);
            state.State.Avoid.Remove(m);
            _dirty = true;
        }
    }
}
