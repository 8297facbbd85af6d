using System.Globalization;
using System.Text.Json.Nodes;

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

    private void Record(StoredObject involved, string type, string reason, string message, string component)
    {
        var now = Now;
        var time = new DateTimeOffset(now.UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero)
            .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var info = involved.Kind.Info();
        var name = $"{involved.Name}.{Convert.ToHexString(BitConverter.GetBytes(now.UtcTicks ^ Random.Shared.NextInt64())).ToLowerInvariant()}";
        var obj = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = involved.Namespace,
                ["uid"] = Guid.NewGuid().ToString(),
                ["creationTimestamp"] = time,
            },
            ["involvedObject"] = new JsonObject
            {
                ["kind"] = info.Kind,
                ["namespace"] = involved.Namespace,
                ["name"] = involved.Name,
                ["uid"] = involved.Uid,
                ["apiVersion"] = info.ApiVersion,
                ["resourceVersion"] = involved.ResourceVersion.ToString(CultureInfo.InvariantCulture),
            },
            ["reason"] = reason,
            ["message"] = message,
            ["source"] = new JsonObject { ["component"] = component },
            ["firstTimestamp"] = time,
            ["lastTimestamp"] = time,
            ["count"] = 1,
            ["type"] = type,
            ["reportingComponent"] = component,
            ["reportingInstance"] = "",
        };
        _store.Put(StoredResource.From(ResourceKind.Event, obj, _store.NextResourceVersion()), added: true);
        _events.Enqueue((involved.Namespace, name));
        while (_events.Count > EventsRetained)
        {
            var (ns, old) = _events.Dequeue();
            _store.Delete(ResourceKind.Event, ns, old);
        }
    }
}
