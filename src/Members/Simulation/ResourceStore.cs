using System.Globalization;
using System.Text.Json.Nodes;

namespace Federation.Members.Simulation;

/// <summary>
/// Writes of the kinds stored as plain JSON, as the API server performs them: generated names,
/// identity and namespace checks, the kind's defaults and validation, optimistic concurrency on
/// resourceVersion, no-op detection. Every method runs under the store gate.
/// </summary>
internal sealed class ResourceStore(ClusterEngine engine)
{
    private ObjectStore Store => engine.Store;

    public StoredResource Get(ResourceKind kind, string ns, string name) => Store.Get(kind, ns, name) switch
    {
        StoredResource r => r,

        // A recorded Event, written through the API: from here on it is stored as its JSON.
        StoredObject o => StoredResource.From(kind, System.Text.Json.Nodes.JsonNode.Parse(o.Json)!.AsObject(), o.ResourceVersion),
        null => throw ApiException.NotFound(kind, name),
    };

    public StoredResource Create(ResourceKind kind, string ns, JsonObject obj)
    {
        var info = kind.Info();
        NamespaceOps.Require(Store, ns);
        var meta = obj["metadata"] as JsonObject ?? new JsonObject();
        obj["metadata"] = meta;
        if (meta["name"] is null && meta["generateName"]?.GetValue<string>() is { Length: > 0 } prefix)
        {
            meta["name"] = prefix + TemplateHash.RandomSuffix();
        }

        var name = meta["name"]?.GetValue<string>() ?? "";
        if (meta["namespace"]?.GetValue<string>() is { Length: > 0 } bodyNs && bodyNs != ns)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        Check(kind, obj, null, name);
        if (Store.Get(kind, ns, name) is not null)
        {
            throw ApiException.AlreadyExists(kind, name);
        }

        var now = engine.Now;
        obj["apiVersion"] = info.ApiVersion;
        obj["kind"] = info.Kind;
        meta["namespace"] = ns;
        meta["uid"] = Guid.NewGuid().ToString();
        meta["creationTimestamp"] = new DateTimeOffset(now.UtcTicks / TimeSpan.TicksPerSecond * TimeSpan.TicksPerSecond, TimeSpan.Zero).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        meta.Remove("resourceVersion");
        meta.Remove("managedFields");
        if (obj["spec"] is not null)
        {
            meta["generation"] = 1;
        }
        var stored = StoredResource.From(kind, obj, Store.NextResourceVersion());
        Store.Put(stored, added: true);
        return stored;
    }

    /// <summary>PUT and every patch: the candidate replaces the object; identity fields are kept.</summary>
    public StoredResource Update(StoredResource existing, JsonObject candidate)
    {
        var meta = candidate["metadata"] as JsonObject ?? new JsonObject();
        candidate["metadata"] = meta;
        if (meta["name"]?.GetValue<string>() is { Length: > 0 } name && name != existing.Name)
        {
            throw ApiException.BadRequest($"the name of the object ({name}) does not match the name on the URL ({existing.Name})");
        }

        if (meta["resourceVersion"]?.GetValue<string>() is { Length: > 0 } rv && rv != existing.ResourceVersion.ToString(CultureInfo.InvariantCulture))
        {
            throw ApiException.Conflict(existing.Kind, existing.Name);
        }

        var old = existing.Node();
        foreach (var field in new[] { "name", "namespace", "uid", "creationTimestamp" })
        {
            meta[field] = old["metadata"]![field]?.DeepClone();
        }

        candidate["apiVersion"] = old["apiVersion"]!.DeepClone();
        candidate["kind"] = old["kind"]!.DeepClone();
        meta["resourceVersion"] = old["metadata"]!["resourceVersion"]!.DeepClone();
        Check(existing.Kind, candidate, old, existing.Name);

        // generation counts changes of the spec, as for every kind with one.
        if (candidate["spec"] is not null)
        {
            var generation = long.TryParse(old["metadata"]!["generation"]?.ToString(), out var g) ? g : 1;
            meta["generation"] = JsonNode.DeepEquals(candidate["spec"], old["spec"]) ? generation : generation + 1;
        }
        if (JsonNode.DeepEquals(candidate, old))
        {
            return existing;
        }

        var stored = StoredResource.From(existing.Kind, candidate, Store.NextResourceVersion());
        Store.Put(stored, added: false);
        return stored;
    }

    public StoredObject Delete(ResourceKind kind, string ns, string name)
    {
        Get(kind, ns, name);
        return Store.Delete(kind, ns, name)!;
    }

    private void Check(ResourceKind kind, JsonObject obj, JsonObject? old, string name)
    {
        var rules = KindRules.For(kind);
        rules.Default(obj, old, Store);
        var errors = new List<(string, string)>();
        if (name.Length == 0)
        {
            errors.Add(("metadata.name", "Required value: name or generateName is required"));
        }
        else if (!DeploymentValidation.IsDnsSubdomain(name))
        {
            errors.Add(("metadata.name", $"Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"));
        }

        errors.AddRange(rules.Validate(obj, old));
        if (errors.Count > 0)
        {
            throw ApiException.Invalid(kind, name, errors);
        }
    }
}
