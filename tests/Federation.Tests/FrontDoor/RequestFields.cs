using System.Reflection;
using System.Text.Json;
using Federation.Api;

namespace Federation.Tests.FrontDoor;

/// <summary>
/// Every field of a request record, as a path into its JSON body ("placement.bounds.east.min",
/// "add[0].cpu"), read by reflection so that a field added to a record is covered without a
/// change here. Dictionaries are entered under the key "east", lists at index 0.
/// </summary>
public static class RequestFields
{
    public static IReadOnlyList<string> Of<T>() => [.. Walk(typeof(T), "", depth: 0)];

    private static IEnumerable<string> Walk(Type type, string prefix, int depth)
    {
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var path = prefix + JsonNamingPolicy.CamelCase.ConvertName(property.Name);
            yield return path;
            foreach (var nested in Inner(property.PropertyType, path, depth))
            {
                yield return nested;
            }
        }
    }

    private static IEnumerable<string> Inner(Type type, string path, int depth)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (depth > 4 || type == typeof(string) || type.IsPrimitive || type.IsEnum || type == typeof(JsonElement) || type == typeof(DateTimeOffset))
        {
            return [];
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>))
        {
            var element = type.GetGenericArguments()[1];
            return [$"{path}.east", .. Inner(element, $"{path}.east", depth + 1)];
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(List<>))
        {
            var element = type.GetGenericArguments()[0];
            return [$"{path}[0]", .. Inner(element, $"{path}[0]", depth + 1)];
        }

        return type.Namespace == typeof(JoinRequest).Namespace ? Walk(type, path + ".", depth + 1) : [];
    }
}
