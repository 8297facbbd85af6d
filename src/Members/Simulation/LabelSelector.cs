using k8s.Models;

namespace Federation.Members.Simulation;

/// <summary>
/// Kubernetes label selectors: the query form (<c>a=b,c!=d,e in (x,y),f notin (z),g,!h</c>) and
/// the structured <see cref="V1LabelSelector"/> of a Deployment.
/// </summary>
internal sealed class LabelSelector
{
    private readonly List<Requirement> _requirements;

    private LabelSelector(List<Requirement> requirements) => _requirements = requirements;

    public static LabelSelector Everything { get; } = new([]);

    public bool IsEmpty => _requirements.Count == 0;

    public bool Matches(IDictionary<string, string>? labels) => _requirements.TrueForAll(r => r.Matches(labels));

    public static LabelSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var requirements = new List<Requirement>();
        foreach (var part in SplitTopLevel(text))
        {
            requirements.Add(ParseRequirement(part.Trim(), text));
        }

        return new LabelSelector(requirements);
    }

    public static LabelSelector From(V1LabelSelector? selector)
    {
        var requirements = new List<Requirement>();
        foreach (var (key, value) in selector?.MatchLabels ?? new Dictionary<string, string>())
        {
            requirements.Add(new Requirement(key, "=", [value]));
        }

        foreach (var e in selector?.MatchExpressions ?? [])
        {
            var op = e.OperatorProperty switch
            {
                "In" => "in",
                "NotIn" => "notin",
                "Exists" => "exists",
                "DoesNotExist" => "!",
                _ => throw new ArgumentException($"unknown operator {e.OperatorProperty}"),
            };
            requirements.Add(new Requirement(e.Key, op, e.Values?.ToArray() ?? []));
        }

        return new LabelSelector(requirements);
    }

    /// <summary>The query form of a structured selector, as the scale subresource reports it.</summary>
    public static string Format(V1LabelSelector? selector)
    {
        var parts = new List<string>();
        foreach (var (key, value) in (selector?.MatchLabels ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            parts.Add($"{key}={value}");
        }

        foreach (var e in selector?.MatchExpressions ?? [])
        {
            parts.Add(e.OperatorProperty switch
            {
                "In" => $"{e.Key} in ({string.Join(",", e.Values ?? [])})",
                "NotIn" => $"{e.Key} notin ({string.Join(",", e.Values ?? [])})",
                "Exists" => e.Key,
                _ => $"!{e.Key}",
            });
        }

        return string.Join(",", parts);
    }

    private static IEnumerable<string> SplitTopLevel(string text)
    {
        var depth = 0;
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            depth += text[i] == '(' ? 1 : text[i] == ')' ? -1 : 0;
            if (text[i] == ',' && depth == 0)
            {
                yield return text[start..i];
                start = i + 1;
            }
        }

        yield return text[start..];
    }

    private static Requirement ParseRequirement(string part, string whole)
    {
        ApiException Bad() => ApiException.BadRequest($"unable to parse requirement: found '{part}' in label selector \"{whole}\"");
        if (part.Length == 0)
        {
            throw Bad();
        }

        if (part.StartsWith('!'))
        {
            return new Requirement(ValidKey(part[1..].Trim(), Bad), "!", []);
        }

        foreach (var op in new[] { "!=", "==", "=" })
        {
            var at = part.IndexOf(op, StringComparison.Ordinal);
            if (at > 0)
            {
                var key = ValidKey(part[..at].Trim(), Bad);
                return new Requirement(key, op == "!=" ? "!=" : "=", [part[(at + op.Length)..].Trim()]);
            }
        }

        var words = part.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (words.Length == 2 && (words[1].StartsWith("in", StringComparison.Ordinal) || words[1].StartsWith("notin", StringComparison.Ordinal)))
        {
            var notIn = words[1].StartsWith("notin", StringComparison.Ordinal);
            var rest = words[1][(notIn ? 5 : 2)..].Trim();
            if (!rest.StartsWith('(') || !rest.EndsWith(')'))
            {
                throw Bad();
            }

            var values = rest[1..^1].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return new Requirement(ValidKey(words[0], Bad), notIn ? "notin" : "in", values);
        }

        return words.Length == 1 ? new Requirement(ValidKey(words[0], Bad), "exists", []) : throw Bad();
    }

    private static string ValidKey(string key, Func<ApiException> bad) =>
        key.Length > 0 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '/') ? key : throw bad();

    private sealed record Requirement(string Key, string Op, string[] Values)
    {
        public bool Matches(IDictionary<string, string>? labels)
        {
            string? value = null;
            var has = labels?.TryGetValue(Key, out value) == true;
            return Op switch
            {
                "=" => has && value == Values[0],
                "!=" => !has || value != Values[0],
                "in" => has && Values.Contains(value),
                "notin" => !has || !Values.Contains(value),
                "exists" => has,
                _ => !has,
            };
        }
    }
}
