namespace Federation.Grains;

/// <summary>
/// One bucket of the durable list of applications. The list is split over a fixed number of
/// buckets by a stable hash of the key, so adding an application rewrites one small record, not
/// a list of the whole fleet. Buckets never call other grains.
/// </summary>
public sealed class ApplicationRegistryGrain(
    [PersistentState("registry", "state")] IPersistentState<ApplicationRegistryState> state) : Grain, IApplicationRegistryGrain
{
    /// <summary>Fixed for ever: changing it would lose track of persisted keys.</summary>
    public const int Buckets = 64;

    public static IApplicationRegistryGrain For(IGrainFactory grains, string application) =>
        grains.GetGrain<IApplicationRegistryGrain>(BucketOf(application).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static IEnumerable<IApplicationRegistryGrain> All(IGrainFactory grains) =>
        Enumerable.Range(0, Buckets).Select(b => grains.GetGrain<IApplicationRegistryGrain>(b.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static int BucketOf(string application) => (int)(StableHash.Of(application) % Buckets);

    public async Task AddAsync(string application)
    {
        if (state.State.Applications.Add(application))
        {
            await state.WriteStateAsync();
        }
    }

    public async Task RemoveAsync(string application)
    {
        if (state.State.Applications.Remove(application))
        {
            await state.WriteStateAsync();
        }
    }

    public Task<IReadOnlyList<string>> ListAsync() => Task.FromResult<IReadOnlyList<string>>([.. state.State.Applications]);
}

[GenerateSerializer, Alias("fed.ApplicationRegistryState")]
public sealed class ApplicationRegistryState
{
    [Id(0)] public SortedSet<string> Applications { get; set; } = new(StringComparer.Ordinal);
}
