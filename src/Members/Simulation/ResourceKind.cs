namespace Federation.Members.Simulation;

/// <summary>The resources the simulated API server stores.</summary>
internal enum ResourceKind
{
    Namespace,
    Node,
    Pod,
    Deployment,
}

internal sealed record ResourceInfo(string Kind, string Plural, string Group, string Version, bool Namespaced)
{
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary>The name Kubernetes uses in messages: <c>deployments.apps</c>, or <c>pods</c> for the core group.</summary>
    public string Qualified => Group.Length == 0 ? Plural : $"{Plural}.{Group}";
}

internal static class ResourceKinds
{
    private static readonly ResourceInfo[] Infos =
    [
        new("Namespace", "namespaces", "", "v1", false),
        new("Node", "nodes", "", "v1", false),
        new("Pod", "pods", "", "v1", true),
        new("Deployment", "deployments", "apps", "v1", true),
    ];

    public static ResourceInfo Info(this ResourceKind kind) => Infos[(int)kind];

    public static int Count => Infos.Length;
}
