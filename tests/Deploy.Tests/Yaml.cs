using System.Globalization;
using System.Text;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Deploy.Tests;

/// <summary>
/// YAML documents as plain trees (dictionaries, lists, strings) with a small path
/// navigator, enough to check manifests without a Kubernetes client.
/// </summary>
internal static class Yaml
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    public static IReadOnlyList<Dictionary<object, object>> LoadAll(string path)
    {
        var documents = new List<Dictionary<object, object>>();
        using var reader = new StringReader(File.ReadAllText(path));
        var parser = new Parser(reader);
        parser.Consume<StreamStart>();
        while (parser.Accept<DocumentStart>(out _))
        {
            var document = Deserializer.Deserialize<Dictionary<object, object>?>(parser);
            if (document is not null)
            {
                documents.Add(document);
            }
        }

        return documents;
    }

    public static Dictionary<object, object> Load(string path) => Assert.Single(LoadAll(path));

    /// <summary>The node at a dotted path (<c>spec.template.metadata.labels</c>), or null.</summary>
    public static object? At(object? node, string path)
    {
        foreach (var key in path.Split('.'))
        {
            node = node is Dictionary<object, object> map && map.TryGetValue(key, out var child) ? child : null;
        }

        return node;
    }

    public static string? Text(object? node, string path) => At(node, path) as string;

    public static Dictionary<object, object> Map(object? node, string path) =>
        At(node, path) as Dictionary<object, object>
        ?? throw new InvalidOperationException($"no mapping at {path}");

    public static IEnumerable<Dictionary<object, object>> List(object? node, string path) =>
        (At(node, path) as List<object> ?? []).Cast<Dictionary<object, object>>();

    /// <summary>A canonical text of a tree (keys sorted), for comparing two documents.</summary>
    public static string Canonical(object? node)
    {
        var text = new StringBuilder();
        Write(node, text);
        return text.ToString();
    }

    private static void Write(object? node, StringBuilder text)
    {
        switch (node)
        {
            case Dictionary<object, object> map:
                text.Append('{');
                foreach (var (key, value) in map.OrderBy(e => Convert.ToString(e.Key, CultureInfo.InvariantCulture), StringComparer.Ordinal))
                {
                    text.Append(key).Append(':');
                    Write(value, text);
                    text.Append(',');
                }

                text.Append('}');
                break;
            case List<object> list:
                text.Append('[');
                foreach (var item in list)
                {
                    Write(item, text);
                    text.Append(',');
                }

                text.Append(']');
                break;
            default:
                text.Append('"').Append(node).Append('"');
                break;
        }
    }
}
