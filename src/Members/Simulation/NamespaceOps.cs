using k8s.Models;

namespace Federation.Members.Simulation;

/// <summary>Namespace create and delete; deleting one deletes its Deployments (and so their pods).</summary>
internal static class NamespaceOps
{
    public static readonly string[] Defaults = ["default", "kube-system", "kube-public", "kube-node-lease"];

    public static StoredNamespace Create(ClusterEngine engine, V1Namespace ns)
    {
        var name = ns.Metadata?.Name;
        if (string.IsNullOrEmpty(name) || !DeploymentValidation.IsDnsSubdomain(name) || name.Contains('.', StringComparison.Ordinal) || name.Length > 63)
        {
            throw ApiException.Invalid(ResourceKind.Namespace, name ?? "", [("metadata.name", string.IsNullOrEmpty(name)
                ? "Required value: name or generateName is required"
                : $"Invalid value: \"{name}\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character")]);
        }

        if (engine.Store.Get(ResourceKind.Namespace, "", name) is not null)
        {
            throw ApiException.AlreadyExists(ResourceKind.Namespace, name);
        }

        var labels = new Dictionary<string, string>(ns.Metadata!.Labels ?? new Dictionary<string, string>())
        {
            ["kubernetes.io/metadata.name"] = name,
        };
        var stored = new StoredNamespace
        {
            Namespace = "",
            Name = name,
            Uid = Guid.NewGuid().ToString(),
            ResourceVersion = engine.Store.NextResourceVersion(),
            CreationTimestamp = engine.Now,
            NamespaceLabels = labels,
        };
        engine.Store.Put(stored, added: true);
        return stored;
    }

    /// <summary>404 unless the namespace exists and is not terminating.</summary>
    public static void Require(ObjectStore store, string ns)
    {
        if (store.Get(ResourceKind.Namespace, "", ns) is not StoredNamespace { Terminating: false })
        {
            throw ApiException.NamespaceNotFound(ns);
        }
    }

    public static StoredObject Delete(ClusterEngine engine, string name)
    {
        var store = engine.Store;
        if (store.Get(ResourceKind.Namespace, "", name) is not StoredNamespace ns)
        {
            throw ApiException.NotFound(ResourceKind.Namespace, name);
        }

        foreach (var d in store.Table(ResourceKind.Deployment).InNamespace(name).ToList())
        {
            store.Delete(ResourceKind.Deployment, name, d.Name);
            engine.Enqueue(name, d.Name);
        }

        foreach (var kind in ResourceKinds.Kinds.Where(KindRules.Handles))
        {
            foreach (var o in store.Table(kind).InNamespace(name).ToList())
            {
                store.Delete(kind, name, o.Name);
            }
        }

        store.Delete(ResourceKind.Namespace, "", name);
        return ns with { Terminating = true };
    }
}
