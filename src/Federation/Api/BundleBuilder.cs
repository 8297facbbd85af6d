using System.Text.Json;
using System.Text.Json.Nodes;
using Federation.Workloads;
using Federation.Workloads.Companions;

namespace Federation.Api;

/// <summary>The companions of an application's workload, read and checked: kinds, names, and every dependency the workload names.</summary>
public static class BundleBuilder
{
    public static IReadOnlyList<Companion>? Build(string ns, WorkloadTemplate workload, IReadOnlyList<JsonElement>? manifests, IReadOnlyList<string>? provided, Validation v)
    {
        var companions = new List<Companion>();
        for (var i = 0; i < (manifests?.Count ?? 0); i++)
        {
            try
            {
                var companion = Companion.Parse(JsonNode.Parse(manifests![i].GetRawText()), ns);
                if (companions.Any(c => c.Id == companion.Id))
                {
                    v.Add($"companions[{i}].metadata.name", $"{companion.Id} appears twice in the bundle");
                    continue;
                }

                companions.Add(companion);
            }
            catch (InvalidTemplateException e)
            {
                v.Add(e.Field.Length == 0 ? $"companions[{i}]" : $"companions[{i}].{e.Field}", Validation.Truncate(e.Problem, 300));
            }
        }

        for (var i = 0; i < (provided?.Count ?? 0); i++)
        {
            if (provided![i] is not { } id || id.Split('/') is not [var kind, var name] || !Companion.Kinds.Contains(kind) || name.Length == 0)
            {
                v.Add($"providedByMember[{i}]", $"{Validation.Quote(provided[i])} is not KIND/NAME with KIND one of {string.Join(", ", Companion.Kinds)}");
            }
        }

        // A workload whose ConfigMap, Secret or ServiceAccount is missing on a member never starts there.
        foreach (var missing in Dependencies.Missing(workload, companions, provided ?? []))
        {
            v.Add($"template.{missing.Path}", $"names {missing.Id}, which is not in the bundle's companions (add it, or list it in providedByMember)");
        }

        return companions;
    }
}
