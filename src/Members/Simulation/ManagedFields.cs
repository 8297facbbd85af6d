using System.Text.Json;
using System.Text.Json.Nodes;
using k8s.Models;

namespace Federation.Members.Simulation;

/// <summary>
/// Field ownership as server-side apply tracks it in <c>metadata.managedFields</c>: an Update
/// makes its manager own the fields it changed; an Apply makes its manager own exactly the fields
/// it applied, and conflicts with other owners of those fields whose values differ.
/// </summary>
internal static class ManagedFields
{
    public static V1ManagedFieldsEntry Entry(string manager, string operation, DateTimeOffset now, V1Deployment d, IEnumerable<string>? paths) => new()
    {
        Manager = manager,
        Operation = operation,
        ApiVersion = "apps/v1",
        Time = new DateTime(now.UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc),
        FieldsType = "FieldsV1",
        FieldsV1 = ToElement(FieldPaths.ToFieldsV1(paths ?? FieldPaths.Collect(KubeJson.ToNode(d)).Keys)),
    };

    /// <summary>Owned paths per managedFields entry; an entry is a manager with an operation.</summary>
    public static Dictionary<(string Manager, string Operation), HashSet<string>> Owners(V1Deployment d)
    {
        var owners = new Dictionary<(string, string), HashSet<string>>();
        foreach (var e in d.Metadata.ManagedFields ?? [])
        {
            var paths = FieldPaths.FromFieldsV1(e.FieldsV1 is null ? null : KubeJson.ToNode(e.FieldsV1));
            owners[(e.Manager ?? "", e.Operation ?? "Update")] = paths;
        }

        return owners;
    }

    /// <summary>After an Update: the manager owns what it changed; fields that disappeared are owned by nobody.</summary>
    public static IList<V1ManagedFieldsEntry> Record(V1Deployment old, V1Deployment updated, string manager, string operation, DateTimeOffset now)
    {
        var before = FieldPaths.Collect(KubeJson.ToNode(old));
        var after = FieldPaths.Collect(KubeJson.ToNode(updated));
        var owners = Owners(old);
        var me = (manager, operation);
        var changed = after.Where(p => !before.TryGetValue(p.Key, out var v) || v != p.Value).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (entry, paths) in owners)
        {
            paths.RemoveWhere(p => !after.ContainsKey(p) || (entry != me && changed.Contains(p)));
        }

        if (changed.Count > 0)
        {
            if (!owners.TryGetValue(me, out var mine))
            {
                mine = new HashSet<string>(StringComparer.Ordinal);
                owners[me] = mine;
            }

            mine.UnionWith(changed);
        }

        return Render(owners, old, me, now);
    }

    public static IList<V1ManagedFieldsEntry> Render(Dictionary<(string Manager, string Operation), HashSet<string>> owners, V1Deployment old, (string Manager, string Operation) touched, DateTimeOffset now)
    {
        var result = new List<V1ManagedFieldsEntry>();
        foreach (var (entry, paths) in owners)
        {
            if (paths.Count == 0)
            {
                continue;
            }

            var rendered = Entry(entry.Manager, entry.Operation, now, old, paths);
            var prior = old.Metadata.ManagedFields?.FirstOrDefault(e => e.Manager == entry.Manager && e.Operation == entry.Operation);
            if (entry != touched && prior is not null)
            {
                rendered.Time = prior.Time;
            }

            result.Add(rendered);
        }

        return result;
    }

    private static JsonElement ToElement(JsonObject fields) => JsonDocument.Parse(fields.ToJsonString()).RootElement.Clone();
}
