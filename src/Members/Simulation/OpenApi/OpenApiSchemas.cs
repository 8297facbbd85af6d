using System.Text.Json.Nodes;
using k8s.Models;

namespace Federation.Members.Simulation;

/// <summary>
/// OpenAPI v3 component schemas for model types, named as Kubernetes names them
/// (<c>io.k8s.api.apps.v1.DeploymentSpec</c>), with descriptions from the client library's docs,
/// the group-version-kind of top-level kinds and the strategic-merge keys of lists.
/// </summary>
internal sealed class OpenApiSchemas
{
    private const string RefPrefix = "#/components/schemas/";

    public JsonObject Schemas { get; } = new();

    /// <summary>Adds the schema of a kind and everything it refers to; returns its reference.</summary>
    public string AddKind(Type model, ResourceInfo info)
    {
        var name = Add(model);
        Schemas[name]!["x-kubernetes-group-version-kind"] = new JsonArray(Gvk(info));
        return RefPrefix + name;
    }

    public static JsonObject Gvk(ResourceInfo info) => new() { ["group"] = info.Group, ["kind"] = info.Kind, ["version"] = info.Version };

    public static JsonObject Ref(string reference) => new() { ["$ref"] = reference };

    private string Add(Type model)
    {
        var name = NameOf(model);
        if (Schemas.ContainsKey(name))
        {
            return name;
        }

        var schema = new JsonObject { ["type"] = "object" };
        Schemas[name] = schema;
        if (ModelDocs.Summary(model) is { } summary)
        {
            schema["description"] = summary;
        }

        var properties = new JsonObject();
        foreach (var (field, property) in ModelSchema.Fields(model).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            var prop = Property(property.PropertyType);
            if (ModelDocs.Summary(property) is { } doc)
            {
                prop["description"] = doc;
            }

            if (MergeKeys.For(model.Name, field) is { } key && ModelSchema.ElementOf(property.PropertyType) is { } element && ModelSchema.IsModel(element))
            {
                prop["x-kubernetes-patch-merge-key"] = key;
                prop["x-kubernetes-patch-strategy"] = "merge";
                prop["x-kubernetes-list-type"] = "map";
                prop["x-kubernetes-list-map-keys"] = new JsonArray(key);
            }

            properties[field] = prop;
        }

        schema["properties"] = properties;
        return name;
    }

    private JsonObject Property(Type type)
    {
        type = ModelSchema.Unwrap(type);
        if (type == typeof(string))
        {
            return new JsonObject { ["type"] = "string" };
        }

        if (type == typeof(byte[]))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "byte" };
        }

        if (type == typeof(bool))
        {
            return new JsonObject { ["type"] = "boolean" };
        }

        if (type == typeof(int) || type == typeof(long))
        {
            return new JsonObject { ["type"] = "integer", ["format"] = type == typeof(int) ? "int32" : "int64" };
        }

        if (type == typeof(double) || type == typeof(float))
        {
            return new JsonObject { ["type"] = "number", ["format"] = "double" };
        }

        if (type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return new JsonObject { ["type"] = "string", ["format"] = "date-time" };
        }

        if (type == typeof(IntOrString))
        {
            return Shared("io.k8s.apimachinery.pkg.util.intstr.IntOrString", new JsonObject { ["type"] = "string", ["format"] = "int-or-string" });
        }

        if (type == typeof(ResourceQuantity))
        {
            return Shared("io.k8s.apimachinery.pkg.api.resource.Quantity", new JsonObject { ["type"] = "string" });
        }

        if (ModelSchema.ValueOf(type) is { } value)
        {
            return new JsonObject { ["type"] = "object", ["additionalProperties"] = Property(value) };
        }

        if (ModelSchema.ElementOf(type) is { } element)
        {
            return new JsonObject { ["type"] = "array", ["items"] = Property(element) };
        }

        if (ModelSchema.IsModel(type))
        {
            return new JsonObject { ["allOf"] = new JsonArray(Ref(RefPrefix + Add(type))), ["default"] = new JsonObject() };
        }

        // FieldsV1, RawExtension and other free-form JSON.
        return new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true };
    }

    private JsonObject Shared(string name, JsonObject schema)
    {
        Schemas[name] ??= schema;
        return new JsonObject { ["allOf"] = new JsonArray(Ref(RefPrefix + name)) };
    }

    /// <summary>Kubernetes' definition name: the Go package, then the type without the client's version prefix.</summary>
    public static string NameOf(Type model)
    {
        var name = model.Name.StartsWith("V1", StringComparison.Ordinal) ? model.Name[2..] : model.Name.StartsWith("Corev1", StringComparison.Ordinal) ? model.Name[6..] : model.Name;
        var package = name switch
        {
            "ObjectMeta" or "ListMeta" or "LabelSelector" or "LabelSelectorRequirement" or "OwnerReference" or "ManagedFieldsEntry" or "Status" or "StatusDetails" or "StatusCause" or "DeleteOptions" or "Preconditions"
                => "io.k8s.apimachinery.pkg.apis.meta.v1",
            _ when name.StartsWith("Deployment", StringComparison.Ordinal) || name.StartsWith("StatefulSet", StringComparison.Ordinal)
                || name.StartsWith("ReplicaSet", StringComparison.Ordinal) || name.StartsWith("RollingUpdate", StringComparison.Ordinal) => "io.k8s.api.apps.v1",
            _ when name.StartsWith("PodDisruptionBudget", StringComparison.Ordinal) => "io.k8s.api.policy.v1",
            _ when name.StartsWith("Endpoint", StringComparison.Ordinal) && name != "EndpointAddress" && name != "EndpointPort" && name != "EndpointSubset" && name != "Endpoints" => "io.k8s.api.discovery.v1",
            _ => "io.k8s.api.core.v1",
        };
        return $"{package}.{name}";
    }
}
