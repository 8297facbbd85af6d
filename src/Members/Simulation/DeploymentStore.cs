using System.Globalization;
using k8s.Models;

namespace Federation.Members.Simulation;

/// <summary>
/// Deployment writes as the API server performs them: defaulting, validation, optimistic
/// concurrency on resourceVersion, generation bumps on spec changes only, no-op detection.
/// Every method runs under the store gate.
/// </summary>
internal sealed class DeploymentStore(ClusterEngine engine)
{
    private ObjectStore Store => engine.Store;

    public StoredDeployment Get(string ns, string name) =>
        Store.Get(ResourceKind.Deployment, ns, name) as StoredDeployment ?? throw ApiException.NotFound(ResourceKind.Deployment, name);

    public StoredDeployment Create(string ns, V1Deployment d, string manager, string operation, IEnumerable<string>? ownedPaths = null)
    {
        NamespaceOps.Require(Store, ns);
        d.Metadata ??= new V1ObjectMeta();
        if (string.IsNullOrEmpty(d.Metadata.Name) && !string.IsNullOrEmpty(d.Metadata.GenerateName))
        {
            d.Metadata.Name = d.Metadata.GenerateName + TemplateHash.RandomSuffix();
        }

        if (d.Metadata.NamespaceProperty is { Length: > 0 } bodyNs && bodyNs != ns)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        DeploymentDefaults.Apply(d);
        DeploymentValidation.Validate(d, null);
        if (Store.Get(ResourceKind.Deployment, ns, d.Metadata.Name) is not null)
        {
            throw ApiException.AlreadyExists(ResourceKind.Deployment, d.Metadata.Name);
        }

        var now = engine.Now;
        d.Metadata.NamespaceProperty = ns;
        d.Metadata.Uid = Guid.NewGuid().ToString();
        d.Metadata.CreationTimestamp = Seconds(now);
        d.Metadata.Generation = 1;
        d.Metadata.DeletionTimestamp = null;
        d.Metadata.ManagedFields = [ManagedFields.Entry(manager, operation, now, d, ownedPaths)];
        d.Status = null;
        var stored = StoredDeployment.Create(d, Store.NextResourceVersion());
        Store.Put(stored, added: true);
        engine.Enqueue(ns, stored.Name);
        return stored;
    }

    /// <summary>Replaces spec and metadata (status is kept): PUT, and every patch of the main resource.</summary>
    public StoredDeployment Update(StoredDeployment existing, V1Deployment candidate, string manager, string operation, IList<V1ManagedFieldsEntry>? managedFields = null)
    {
        candidate.Metadata ??= new V1ObjectMeta();
        CheckIdentity(existing, candidate.Metadata);
        var old = existing.Model;
        candidate.Metadata.Name = old.Metadata.Name;
        candidate.Metadata.NamespaceProperty = old.Metadata.NamespaceProperty;
        candidate.Metadata.Uid = old.Metadata.Uid;
        candidate.Metadata.CreationTimestamp = old.Metadata.CreationTimestamp;
        candidate.Metadata.Generation = old.Metadata.Generation;
        candidate.Metadata.ResourceVersion = old.Metadata.ResourceVersion;
        candidate.Metadata.ManagedFields = managedFields ?? old.Metadata.ManagedFields;
        candidate.Metadata.DeletionTimestamp = old.Metadata.DeletionTimestamp;
        candidate.Status = old.Status;
        DeploymentDefaults.Apply(candidate);
        DeploymentValidation.Validate(candidate, old);

        var specChanged = !KubeJson.ToUtf8(candidate.Spec).AsSpan().SequenceEqual(KubeJson.ToUtf8(old.Spec));
        if (!specChanged && KubeJson.ToUtf8(candidate).AsSpan().SequenceEqual(KubeJson.ToUtf8(old)))
        {
            return existing;
        }

        if (specChanged)
        {
            candidate.Metadata.Generation = (old.Metadata.Generation ?? 1) + 1;
        }

        if (managedFields is null)
        {
            candidate.Metadata.ManagedFields = ManagedFields.Record(old, candidate, manager, operation, engine.Now);
        }

        return Commit(candidate);
    }

    /// <summary>The status subresource: only status changes.</summary>
    public StoredDeployment UpdateStatus(StoredDeployment existing, V1Deployment candidate)
    {
        candidate.Metadata ??= new V1ObjectMeta();
        CheckIdentity(existing, candidate.Metadata);
        var model = existing.Copy();
        model.Status = candidate.Status;
        return KubeJson.ToUtf8(model).AsSpan().SequenceEqual(existing.Json) ? existing : Commit(model);
    }

    public StoredDeployment Scale(StoredDeployment existing, V1Scale scale, string manager)
    {
        if (scale.Metadata?.ResourceVersion is { Length: > 0 } rv && rv != existing.Model.Metadata.ResourceVersion)
        {
            throw ApiException.Conflict(ResourceKind.Deployment, existing.Name);
        }

        var replicas = scale.Spec?.Replicas ?? 0;
        if (replicas < 0)
        {
            throw ApiException.Invalid(ResourceKind.Deployment, existing.Name, [("spec.replicas", $"Invalid value: {replicas}: must be greater than or equal to 0")]);
        }

        var model = existing.Copy();
        model.Spec.Replicas = replicas;
        model.Metadata.ResourceVersion = null;
        return Update(existing, model, manager, "Update");
    }

    public V1Scale ToScale(StoredDeployment d) => new()
    {
        ApiVersion = "autoscaling/v1",
        Kind = "Scale",
        Metadata = new V1ObjectMeta
        {
            Name = d.Name,
            NamespaceProperty = d.Namespace,
            Uid = d.Uid,
            ResourceVersion = d.Model.Metadata.ResourceVersion,
            CreationTimestamp = d.Model.Metadata.CreationTimestamp,
        },
        Spec = new V1ScaleSpec { Replicas = d.SpecReplicas },
        Status = new V1ScaleStatus { Replicas = d.Model.Status?.Replicas ?? 0, Selector = LabelSelector.Format(d.Model.Spec.Selector) },
    };

    public StoredObject Delete(string ns, string name, V1DeleteOptions? options)
    {
        var existing = Get(ns, name);
        var pre = options?.Preconditions;
        if ((pre?.ResourceVersion is { Length: > 0 } rv && rv != existing.Model.Metadata.ResourceVersion)
            || (pre?.Uid is { Length: > 0 } uid && uid != existing.Uid))
        {
            throw ApiException.Conflict(ResourceKind.Deployment, name);
        }

        var deleted = Store.Delete(ResourceKind.Deployment, ns, name)!;
        engine.Enqueue(ns, name);
        return deleted;
    }

    private static void CheckIdentity(StoredDeployment existing, V1ObjectMeta meta)
    {
        if (meta.Name is { Length: > 0 } name && name != existing.Name)
        {
            throw ApiException.BadRequest($"the name of the object ({name}) does not match the name on the URL ({existing.Name})");
        }

        if (meta.ResourceVersion is { Length: > 0 } rv && rv != existing.ResourceVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw ApiException.Conflict(ResourceKind.Deployment, existing.Name);
        }
    }

    private StoredDeployment Commit(V1Deployment model)
    {
        var stored = StoredDeployment.Create(model, Store.NextResourceVersion());
        Store.Put(stored, added: false);
        engine.Enqueue(stored.Namespace, stored.Name);
        return stored;
    }

    private static DateTime Seconds(DateTimeOffset t) =>
        new(t.UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, DateTimeKind.Utc);
}
