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

    public static Dictionary<string, HashSet<string>> Owners(V1Deployment d, out Dictionary<string, string> operations)
    {
        operations = new Dictionary<string, string>(StringComparer.Ordinal);
        var owners = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var e in d.Metadata.ManagedFields ?? [])
        {
            var paths = FieldPaths.FromFieldsV1(e.FieldsV1 is null ? null : KubeJson.ToNode(e.FieldsV1));
            owners[e.Manager ?? ""] = paths;
            operations[e.Manager ?? ""] = e.Operation ?? "Update";
        }

        return owners;
    }

    /// <summary>After an Update: the manager owns what it changed; fields that disappeared are owned by nobody.</summary>
    public static IList<V1ManagedFieldsEntry> Record(V1Deployment old, V1Deployment updated, string manager, string operation, DateTimeOffset now)
    {
        var before = FieldPaths.Collect(KubeJson.ToNode(old));
        var after = FieldPaths.Collect(KubeJson.ToNode(updated));
        var owners = Owners(old, out var operations);
        var changed = after.Where(p => !before.TryGetValue(p.Key, out var v) || v != p.Value).Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        foreach (var (m, paths) in owners)
        {
            paths.RemoveWhere(p => !after.ContainsKey(p) || (m != manager && changed.Contains(p)));
        }

        if (changed.Count > 0)
        {
            if (!owners.TryGetValue(manager, out var mine) || operations[manager] != operation)
            {
                mine = new HashSet<string>(StringComparer.Ordinal);
                owners[manager] = mine;
                operations[manager] = operation;
            }

            mine.UnionWith(changed);
        }

        return Render(owners, operations, old, manager, now);
    }

    public static IList<V1ManagedFieldsEntry> Render(Dictionary<string, HashSet<string>> owners, Dictionary<string, string> operations, V1Deployment old, string touched, DateTimeOffset now)
    {
        var result = new List<V1ManagedFieldsEntry>();
        foreach (var (m, paths) in owners)
        {
            if (paths.Count == 0)
            {
                continue;
            }

            var entry = Entry(m, operations[m], now, old, paths);
            var prior = old.Metadata.ManagedFields?.FirstOrDefault(e => e.Manager == m);
            if (m != touched && prior is not null)
            {
                entry.Time = prior.Time;
            }

            result.Add(entry);
        }

        return result;
    }

    private static JsonElement ToElement(JsonObject fields) => JsonDocument.Parse(fields.ToJsonString()).RootElement.Clone();
}
