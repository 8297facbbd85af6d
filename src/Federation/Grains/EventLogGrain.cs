namespace Federation.Grains;

/// <summary>
/// The fleet's decision history (what, from, to, why), newest last, bounded. Appends are
/// flushed to storage in batches by a timer, so a burst of decisions costs one write.
/// </summary>
public sealed class EventLogGrain(
    [PersistentState("events", "state")] IPersistentState<EventLogState> state) : Grain, IEventLogGrain
{
    private const int Kept = 5000;
    private bool _dirty;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        this.RegisterGrainTimer(
            _ => FlushAsync(),
            new GrainTimerCreationOptions(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1)) { KeepAlive = true });
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => FlushAsync();

    public Task AppendAsync(EventView e)
    {
        state.State.Events.Add(e);
        if (state.State.Events.Count > Kept + (Kept / 10))
        {
            state.State.Events.RemoveRange(0, state.State.Events.Count - Kept);
        }

        _dirty = true;
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<EventView>> QueryAsync(string? application, string? cluster, int limit)
    {
        var matches = state.State.Events
            .Where(e => application is null || e.Application == application)
            .Where(e => cluster is null || e.Cluster == cluster || e.From == cluster || e.To == cluster
                || (e.From?.Split(',').Contains(cluster) ?? false) || (e.To?.Split(',').Contains(cluster) ?? false))
            .Reverse()
            .Take(Math.Clamp(limit, 1, Kept))
            .ToList();
        return Task.FromResult<IReadOnlyList<EventView>>(matches);
    }

    private async Task FlushAsync()
    {
        if (_dirty)
        {
            _dirty = false;
            await state.WriteStateAsync();
        }
    }
}

[GenerateSerializer, Alias("fed.EventLogState")]
public sealed class EventLogState
{
    [Id(0)] public List<EventView> Events { get; set; } = [];
}
