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
