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
        _ => [("Name", "string", 0), ("Status", "string", 0), ("Age", "string", 0)],
    };
}
