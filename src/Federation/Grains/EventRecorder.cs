namespace Federation.Grains;

/// <summary>Sends decision events to the fleet's event log.</summary>
public static class EventRecorder
{
    public const string LogKey = "fleet";

    public static void Record(IGrainFactory grains, EventView e) =>
        _ = grains.GetGrain<IEventLogGrain>(LogKey).AppendAsync(e);
}
