namespace Federation.Members.Simulation;

/// <summary>
/// Events the controllers record, as core v1 Event objects: the deployment controller's
/// ScalingReplicaSet and the scheduler's Scheduled / FailedScheduling. The newest
/// <see cref="EventsRetained"/> are kept (Kubernetes keeps them an hour); older ones are deleted.
/// </summary>
internal sealed partial class ClusterEngine
{
    private const int EventsRetained = 5_000;

    private readonly Queue<(string Ns, string Name)> _events = new();
    private long _eventSequence;

    private void Record(StoredObject involved, string type, string reason, string message, string component)
    {
        var now = Now;
        var name = $"{involved.Name}.{now.UtcTicks:x}{++_eventSequence:x}";
        _store.Put(new StoredEvent
        {
            Namespace = involved.Namespace,
            Name = name,
            Uid = Guid.NewGuid().ToString(),
            ResourceVersion = _store.NextResourceVersion(),
            CreationTimestamp = new DateTimeOffset(now.UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero),
            InvolvedKind = involved.Kind,
            InvolvedName = involved.Name,
            InvolvedUid = involved.Uid,
            InvolvedVersion = involved.ResourceVersion,
            Type = type,
            Reason = reason,
            Message = message,
            Component = component,
        }, added: true);
        _events.Enqueue((involved.Namespace, name));
        while (_events.Count > EventsRetained)
        {
            var (ns, old) = _events.Dequeue();
            _store.Delete(ResourceKind.Event, ns, old);
        }
    }
}
