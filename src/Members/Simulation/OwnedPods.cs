namespace Federation.Members.Simulation;

/// <summary>The controller's view of one Deployment: its pods and the pod templates of its revisions.</summary>
internal sealed class OwnedPods
{
    public HashSet<string> Pods { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, PodTemplate> Templates { get; } = new(StringComparer.Ordinal);

    /// <summary>The resourceVersion of the Deployment version whose template hash is cached below.</summary>
    public long HashedVersion { get; set; } = -1;

    public string CurrentHash { get; set; } = "";
}
