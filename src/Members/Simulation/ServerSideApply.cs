using System.Text.Json.Nodes;
using k8s.Models;

namespace Federation.Members.Simulation;

/// <summary>
/// Server-side apply of a Deployment: creates it when missing; otherwise merges the applied
/// configuration, removes fields this manager applied before and no longer applies (unless
/// someone else owns them), and reports conflicts with other managers unless forced.
/// </summary>
internal sealed class ServerSideApply(DeploymentStore deployments, ClusterEngine engine)
{
    public StoredDeployment Apply(string ns, string name, JsonNode? body, string? manager, bool force)
    {
        if (string.IsNullOrEmpty(manager))
        {
            throw ApiException.BadRequest("PATCH, application/apply-patch+yaml requires fieldManager to be set");
        }

        if (body is not JsonObject applied)
        {
            throw ApiException.BadRequest("the body of an apply request must be an object");
        }

        if (applied["apiVersion"]?.GetValue<string>() != "apps/v1" || applied["kind"]?.GetValue<string>() != "Deployment")
        {
            throw ApiException.BadRequest("apply body must have apiVersion apps/v1 and kind Deployment");
        }

        var metadata = applied["metadata"] as JsonObject ?? throw ApiException.BadRequest("metadata is required");
        if (metadata["name"]?.GetValue<string>() is { } bodyName && bodyName != name)
        {
            throw ApiException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        metadata["name"] = name;
        var appliedPaths = FieldPaths.Collect(applied);
        if (engine.Store.Get(ResourceKind.Deployment, ns, name) is not StoredDeployment existing)
        {
            var created = KubeJson.FromNode<V1Deployment>(applied);
            created.Metadata.ResourceVersion = null;
            return deployments.Create(ns, created, manager, "Apply", appliedPaths.Keys);
        }

        var current = KubeJson.ToNode(existing.Model);
        var currentValues = FieldPaths.Collect(current);
        var owners = ManagedFields.Owners(existing.Model);
        var me = (manager, "Apply");
        var conflicts = new List<((string Manager, string Operation) Owner, string Path)>();
        foreach (var (path, value) in appliedPaths)
        {
            foreach (var (other, paths) in owners)
            {
                if (other != me && paths.Contains(path) && currentValues.TryGetValue(path, out var now) && now != value)
                {
                    conflicts.Add((other, path));
                }
            }
        }

        if (conflicts.Count > 0 && !force)
        {
            throw Conflict(name, conflicts);
        }

        foreach (var (other, path) in conflicts)
        {
            owners[other].Remove(path);
        }

        var previous = owners.TryGetValue(me, out var mine) ? mine : [];
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject { ["labels"] = metadata["labels"]?.DeepClone(), ["annotations"] = metadata["annotations"]?.DeepClone() },
            ["spec"] = applied["spec"]?.DeepClone(),
        };
        RemoveNulls(patch);
        var merged = Patches.Merge(current, patch, strategic: true)!;
        foreach (var dropped in previous.Where(p => !appliedPaths.ContainsKey(p)))
        {
            if (!owners.Any(o => o.Key != me && o.Value.Contains(dropped)))
            {
                RemovePath(merged, dropped);
            }
        }

        owners[me] = appliedPaths.Keys.ToHashSet(StringComparer.Ordinal);
        var candidate = KubeJson.FromNode<V1Deployment>(merged);
        candidate.Metadata.ResourceVersion = metadata["resourceVersion"]?.GetValue<string>();
        var unchanged = SameOwnership(existing.Model, owners);
        var entries = unchanged ? existing.Model.Metadata.ManagedFields : ManagedFields.Render(owners, existing.Model, me, engine.Now);
        return deployments.Update(existing, candidate, manager, "Apply", entries);
    }

    private static bool SameOwnership(V1Deployment old, Dictionary<(string Manager, string Operation), HashSet<string>> owners)
    {
        var before = ManagedFields.Owners(old);
        return before.Count == owners.Count(o => o.Value.Count > 0)
            && owners.Where(o => o.Value.Count > 0).All(o => before.TryGetValue(o.Key, out var b) && b.SetEquals(o.Value));
    }

    private static ApiException Conflict(string name, List<((string Manager, string Operation) Owner, string Path)> conflicts)
    {
        var lines = conflicts.Select(c => $"conflict with \"{c.Owner.Manager}\" using apps/v1: {FieldPaths.Display(c.Path)}").ToList();
        var message = conflicts.Count == 1
            ? $"Apply failed with 1 conflict: {lines[0]}"
            : $"Apply failed with {conflicts.Count} conflicts: {string.Join("\n", lines)}";
        var details = new V1StatusDetails
        {
            Name = name,
            Group = "apps",
            Kind = "deployments",
            Causes = conflicts.Select(c => new V1StatusCause
            {
                Reason = "FieldManagerConflict",
                Message = $"conflict with \"{c.Owner.Manager}\" using apps/v1",
                Field = FieldPaths.Display(c.Path),
            }).ToList(),
        };
        return new ApiException(409, "Conflict", message, details);
    }

    private static void RemoveNulls(JsonObject o)
    {
        foreach (var key in o.Where(p => p.Value is null).Select(p => p.Key).ToList())
        {
            o.Remove(key);
        }

        foreach (var child in o.Select(p => p.Value).OfType<JsonObject>())
        {
            RemoveNulls(child);
        }
    }

    /// <summary>Removes the field (or keyed list element) a FieldsV1 path names.</summary>
    private static void RemovePath(JsonNode root, string path)
    {
        var segments = path.Split(FieldPaths.Separator);
        JsonNode? parent = null;
        var node = root;
        string last = "";
        foreach (var segment in segments)
        {
            if (segment == ".")
            {
                break;
            }

            parent = node;
            last = segment;
            node = Step(node, segment);
            if (node is null)
            {
                return;
            }
        }

        switch (parent)
        {
            case JsonObject o when last.StartsWith("f:", StringComparison.Ordinal):
                o.Remove(last[2..]);
                break;
            case JsonArray a:
                a.Remove(node);
                break;
        }
    }

    private static JsonNode? Step(JsonNode? node, string segment)
    {
        if (segment.StartsWith("f:", StringComparison.Ordinal))
        {
            return (node as JsonObject)?[segment[2..]];
        }

        if (node is JsonArray list && JsonNode.Parse(segment[2..]) is JsonObject key && key.Count == 1)
        {
            var (field, value) = key.First();
            var index = Patches.IndexOf(list, field, value!);
            return index >= 0 ? list[index] : null;
        }

        return null;
    }
}
