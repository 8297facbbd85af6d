namespace Federation.Workloads.Companions;

/// <summary>A resource the workload's pods name, and where: <c>spec.template.spec.containers[0].envFrom[0].configMapRef</c>.</summary>
public sealed record Dependency(string Kind, string Name, string Path)
{
    public string Id => $"{Kind}/{Name}";
}
