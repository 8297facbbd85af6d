namespace Federation.Members.Simulation;

/// <summary>The columns kubectl prints for each kind (priority 1 only with <c>-o wide</c>).</summary>
internal static class TableColumns
{
    public static (string Name, string Type, int Priority)[] For(ResourceKind kind) => kind switch
    {
        ResourceKind.Deployment =>
        [
            ("Name", "string", 0), ("Ready", "string", 0), ("Up-to-date", "integer", 0), ("Available", "integer", 0),
            ("Age", "string", 0), ("Containers", "string", 1), ("Images", "string", 1), ("Selector", "string", 1),
        ],
        ResourceKind.Pod =>
        [
            ("Name", "string", 0), ("Ready", "string", 0), ("Status", "string", 0), ("Restarts", "integer", 0), ("Age", "string", 0),
            ("IP", "string", 1), ("Node", "string", 1), ("Nominated Node", "string", 1), ("Readiness Gates", "string", 1),
        ],
        ResourceKind.Node => [("Name", "string", 0), ("Status", "string", 0), ("Roles", "string", 0), ("Age", "string", 0), ("Version", "string", 0)],
        ResourceKind.ConfigMap => [("Name", "string", 0), ("Data", "integer", 0), ("Age", "string", 0)],
        ResourceKind.Secret => [("Name", "string", 0), ("Type", "string", 0), ("Data", "integer", 0), ("Age", "string", 0)],
        ResourceKind.ServiceAccount => [("Name", "string", 0), ("Secrets", "integer", 0), ("Age", "string", 0)],
        ResourceKind.Service =>
        [
            ("Name", "string", 0), ("Type", "string", 0), ("Cluster-IP", "string", 0), ("External-IP", "string", 0), ("Port(s)", "string", 0),
            ("Age", "string", 0), ("Selector", "string", 1),
        ],
        ResourceKind.StatefulSet => [("Name", "string", 0), ("Ready", "string", 0), ("Age", "string", 0), ("Containers", "string", 1), ("Images", "string", 1)],
        ResourceKind.PodDisruptionBudget =>
            [("Name", "string", 0), ("Min Available", "string", 0), ("Max Unavailable", "string", 0), ("Allowed Disruptions", "integer", 0), ("Age", "string", 0)],
        ResourceKind.EndpointSlice => [("Name", "string", 0), ("AddressType", "string", 0), ("Ports", "string", 0), ("Endpoints", "string", 0), ("Age", "string", 0)],
        ResourceKind.Event =>
        [
            ("Last Seen", "string", 0), ("Type", "string", 0), ("Reason", "string", 0), ("Object", "string", 0), ("Message", "string", 0),
            ("Source", "string", 1), ("Count", "integer", 1), ("Name", "string", 1),
        ],
        _ => [("Name", "string", 0), ("Status", "string", 0), ("Age", "string", 0)],
    };
}
