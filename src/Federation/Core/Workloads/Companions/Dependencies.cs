using System.Text.Json.Nodes;

namespace Federation.Workloads.Companions;

/// <summary>
/// What a workload needs on a member besides itself: the ConfigMaps, Secrets and ServiceAccount its pod template
/// names (env valueFrom, envFrom, volumes, projected volumes, serviceAccountName). References marked optional
/// are left out: the pod starts without them.
/// </summary>
public static class Dependencies
{
    public static IReadOnlyList<Dependency> Of(WorkloadTemplate workload)
    {
        var found = new List<Dependency>();
        var podSpec = workload.Manifest()["spec"]?["template"]?["spec"] as JsonObject;
        if (podSpec is null)
        {
            return found;
        }

        const string pod = "spec.template.spec";
        if ((string?)podSpec["serviceAccountName"] is { Length: > 0 } account && account != "default")
        {
            found.Add(new("ServiceAccount", account, $"{pod}.serviceAccountName"));
        }

        foreach (var list in new[] { "containers", "initContainers" })
        {
            var containers = podSpec[list] as JsonArray ?? [];
            for (var c = 0; c < containers.Count; c++)
            {
                var at = $"{pod}.{list}[{c}]";
                var env = containers[c]?["env"] as JsonArray ?? [];
                for (var e = 0; e < env.Count; e++)
                {
                    Ref(found, env[e]?["valueFrom"]?["configMapKeyRef"], "ConfigMap", "name", $"{at}.env[{e}].valueFrom.configMapKeyRef");
                    Ref(found, env[e]?["valueFrom"]?["secretKeyRef"], "Secret", "name", $"{at}.env[{e}].valueFrom.secretKeyRef");
                }

                var envFrom = containers[c]?["envFrom"] as JsonArray ?? [];
                for (var e = 0; e < envFrom.Count; e++)
                {
                    Ref(found, envFrom[e]?["configMapRef"], "ConfigMap", "name", $"{at}.envFrom[{e}].configMapRef");
                    Ref(found, envFrom[e]?["secretRef"], "Secret", "name", $"{at}.envFrom[{e}].secretRef");
                }
            }
        }

        var volumes = podSpec["volumes"] as JsonArray ?? [];
        for (var v = 0; v < volumes.Count; v++)
        {
            var at = $"{pod}.volumes[{v}]";
            Ref(found, volumes[v]?["configMap"], "ConfigMap", "name", $"{at}.configMap");
            Ref(found, volumes[v]?["secret"], "Secret", "secretName", $"{at}.secret");
            var sources = volumes[v]?["projected"]?["sources"] as JsonArray ?? [];
            for (var s = 0; s < sources.Count; s++)
            {
                Ref(found, sources[s]?["configMap"], "ConfigMap", "name", $"{at}.projected.sources[{s}].configMap");
                Ref(found, sources[s]?["secret"], "Secret", "name", $"{at}.projected.sources[{s}].secret");
            }
        }

        return found;
    }

    /// <summary>The dependencies neither in the bundle nor marked as provided by the members ("ConfigMap/site-config").</summary>
    public static IReadOnlyList<Dependency> Missing(WorkloadTemplate workload, IEnumerable<Companion> companions, IEnumerable<string> provided)
    {
        var present = companions.Select(c => c.Id).Concat(provided).ToHashSet(StringComparer.Ordinal);
        return [.. Of(workload).Where(d => !present.Contains(d.Id))];
    }

    private static void Ref(List<Dependency> found, JsonNode? reference, string kind, string nameField, string path)
    {
        if (reference is JsonObject r && (string?)r[nameField] is { Length: > 0 } name && !(r["optional"] is JsonValue o && o.TryGetValue<bool>(out var optional) && optional))
        {
            found.Add(new(kind, name, path));
        }
    }
}
