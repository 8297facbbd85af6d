namespace Federation.Members.Simulation;

/// <summary>
/// Lists that Kubernetes merges element by element (strategic merge patch, server-side apply),
/// by field name, with the key that identifies an element. Other lists are replaced whole. The
/// OpenAPI documents advertise the same keys (<c>x-kubernetes-patch-merge-key</c>), so kubectl's
/// client-side apply merges as the simulator does.
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
        ["conditions"] = "type",
        ["ownerReferences"] = "uid",
    };

    // Fields whose key differs by the type that holds them (a Service's ports are keyed by port).
    private static readonly Dictionary<(string Owner, string Field), string> OwnerKeys = new()
    {
        [("V1ServiceSpec", "ports")] = "port",
        [("V1ServiceAccount", "secrets")] = "name",
    };

    public static string? For(string field) => Keys.GetValueOrDefault(field);

    /// <summary>The merge key of a field of a model type (by its type name), or null when the list is atomic.</summary>
    public static string? For(string owner, string field) => OwnerKeys.TryGetValue((owner, field), out var key) ? key : For(field);
}
