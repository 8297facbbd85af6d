using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Federation.Members.Yaml;

/// <summary>YAML that cannot be read as JSON: the message names the line and column.</summary>
public sealed class YamlInputException(string message) : FormatException(message);

/// <summary>
/// YAML documents to JSON trees with the scalar types a Kubernetes reader gives them
/// (YAML 1.2 core schema): unquoted <c>8</c> is a number, <c>true</c> a boolean,
/// <c>~</c> null, while quoted scalars and anything else (<c>100m</c>, <c>128Mi</c>,
/// <c>nginx:1.27</c>) stay strings. The one reading of YAML, for the CLI's files and the
/// simulated member's apply patches alike.
/// </summary>
public static partial class YamlToJson
{
    private const string StringTag = "tag:yaml.org,2002:str";

    /// <summary>Every non-empty document of the stream, in order.</summary>
    /// <exception cref="YamlInputException">The text is not YAML, or not YAML a JSON tree can hold.</exception>
    public static IReadOnlyList<JsonNode?> Documents(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException ex)
        {
            throw new YamlInputException($"not valid YAML at line {ex.Start.Line}, column {ex.Start.Column}: {Reason(ex)}");
        }

        return stream.Documents
            .Where(d => d.RootNode is not YamlScalarNode { Value: null or "" })
            .Select(d => Convert(d.RootNode))
            .ToList();
    }

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode mapping => Mapping(mapping),
        YamlSequenceNode sequence => new JsonArray(sequence.Children.Select(Convert).ToArray()),
        YamlScalarNode scalar => Scalar(scalar),
        _ => throw new YamlInputException($"unsupported YAML node at line {node.Start.Line}"),
    };

    private static JsonObject Mapping(YamlMappingNode mapping)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name })
            {
                throw new YamlInputException($"line {key.Start.Line}: only plain keys are supported");
            }

            if (!result.TryAdd(name, Convert(value)))
            {
                throw new YamlInputException($"line {key.Start.Line}: duplicate key '{name}'");
            }
        }

        return result;
    }

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style != ScalarStyle.Plain || (!scalar.Tag.IsNonSpecific && !scalar.Tag.IsEmpty && scalar.Tag.Value == StringTag))
        {
            return JsonValue.Create(text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (text is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return JsonValue.Create(real);
        }

        return JsonValue.Create(text);
    }

    // YamlDotNet prefixes its messages with "(Line: 2, Col: 1, Idx: 9) - (Line: ...): "; the position is printed already.
    private static string Reason(YamlException ex)
    {
        var cut = ex.Message.LastIndexOf("): ", StringComparison.Ordinal);
        return ex.Message.StartsWith("(Line", StringComparison.Ordinal) && cut > 0 ? ex.Message[(cut + 3)..] : ex.Message;
    }

    [GeneratedRegex(@"^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
