using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json.Serialization;
using k8s.Models;

namespace Federation.Members.Simulation;

/// <summary>
/// The shape of a Kubernetes object read from the client library's model types: which fields an
/// object has and of what type. The one source for the OpenAPI documents and for strict field
/// validation, so what the server advertises is what it accepts.
/// </summary>
internal static class ModelSchema
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyDictionary<string, PropertyInfo>> Cache = new();

    /// <summary>JSON field name → property, for a model type (a class from k8s.Models).</summary>
    public static IReadOnlyDictionary<string, PropertyInfo> Fields(Type model) => Cache.GetOrAdd(model, static t => t
        .GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetCustomAttribute<JsonIgnoreAttribute>() is null && p.GetIndexParameters().Length == 0)
        .ToDictionary(p => p.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name ?? JsonNamingPolicy(p.Name), StringComparer.Ordinal));

    /// <summary>A type described by its own fields (not a scalar, list, map, quantity or int-or-string).</summary>
    public static bool IsModel(Type t) =>
        t.IsClass && t.Namespace == "k8s.Models" && t != typeof(ResourceQuantity) && !typeof(System.Collections.IEnumerable).IsAssignableFrom(t);

    public static Type Unwrap(Type t) => Nullable.GetUnderlyingType(t) ?? t;

    /// <summary>The element type of a list field, or null.</summary>
    public static Type? ElementOf(Type t) => t != typeof(string) && t != typeof(byte[])
        ? Generic(t, typeof(IList<>)) ?? Generic(t, typeof(IEnumerable<>))
        : null;

    /// <summary>The value type of a map field (string keys), or null.</summary>
    public static Type? ValueOf(Type t) =>
        t.IsGenericType && t.GetGenericTypeDefinition() is var d && (d == typeof(IDictionary<,>) || d == typeof(Dictionary<,>) || d == typeof(IReadOnlyDictionary<,>))
            ? t.GetGenericArguments()[1]
            : null;

    /// <summary>Fields of <paramref name="node"/> its model type does not declare, as <c>spec.template.spec.containers[0].foo</c>.</summary>
    public static void UnknownFields(Type model, System.Text.Json.Nodes.JsonNode? node, string path, List<string> into)
    {
        model = Unwrap(model);
        switch (node)
        {
            case System.Text.Json.Nodes.JsonObject obj when ValueOf(model) is null && IsModel(model):
                var fields = Fields(model);
                foreach (var (name, value) in obj)
                {
                    // Strategic merge patch directives ($patch, $setElementOrder/..., $retainKeys) are not fields.
                    if (name.StartsWith('$'))
                    {
                        continue;
                    }

                    var at = path.Length == 0 ? name : $"{path}.{name}";
                    if (fields.TryGetValue(name, out var property))
                    {
                        UnknownFields(property.PropertyType, value, at, into);
                    }
                    else
                    {
                        into.Add(at);
                    }
                }

                break;
            case System.Text.Json.Nodes.JsonArray list when ElementOf(model) is { } element:
                for (var i = 0; i < list.Count; i++)
                {
                    UnknownFields(element, list[i], $"{path}[{i}]", into);
                }

                break;
        }
    }

    private static Type? Generic(Type t, Type definition) =>
        t.IsGenericType && t.GetGenericTypeDefinition() == definition ? t.GetGenericArguments()[0]
            : t.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == definition)?.GetGenericArguments()[0];

    private static string JsonNamingPolicy(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
