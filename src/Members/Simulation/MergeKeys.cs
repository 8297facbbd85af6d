namespace Federation.Members.Simulation;

/// <summary>
/// Lists that Kubernetes merges element by element (strategic merge patch, server-side apply),
/// by field name, with the key that identifies an element. Other lists are replaced whole.
/// </summary>
internal static class MergeKeys
{
    private static readonly Dictionary<string, string> Keys = new(StringComparer.Ordinal)
    {
        ["containers"] = "name",
        ["initContainers"] = "name",
        ["ephemeralContainers"] = "name",
        ["env"] = "name",
        ["volumes"] = "name",
        ["imagePullSecrets"] = "name",
        ["volumeMounts"] = "mountPath",
        ["volumeDevices"] = "devicePath",
        ["ports"] = "containerPort",
        ["hostAliases"] = "ip",
    };

    public static string? For(string field) => Keys.GetValueOrDefault(field);
}
