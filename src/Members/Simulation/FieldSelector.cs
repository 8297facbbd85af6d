namespace Federation.Members.Simulation;

/// <summary>Field selectors (<c>metadata.name=x,spec.nodeName!=</c>) over the fields each kind exposes.</summary>
internal sealed class FieldSelector
{
    private readonly List<(string Path, bool Equal, string Value)> _terms;

    private FieldSelector(List<(string Path, bool Equal, string Value)> terms) => _terms = terms;

    public static FieldSelector Everything { get; } = new([]);

    public bool IsEmpty => _terms.Count == 0;

    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var terms = new List<(string, bool, string)>();
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var at = part.IndexOf("!=", StringComparison.Ordinal);
            var equal = at < 0;
            var opLength = 2;
            if (equal)
            {
                at = part.IndexOf("==", StringComparison.Ordinal);
                if (at < 0)
                {
                    at = part.IndexOf('=', StringComparison.Ordinal);
                    opLength = 1;
                }
            }

            if (at <= 0)
            {
                throw ApiException.BadRequest($"invalid selector: '{text}'; can't understand '{part}'");
            }

            terms.Add((part[..at].Trim(), equal, part[(at + opLength)..].Trim()));
        }

        return new FieldSelector(terms);
    }

    /// <summary>Rejects paths the kind does not support, as the API server does.</summary>
    public void Validate(ResourceKind kind)
    {
        foreach (var (path, _, _) in _terms)
        {
            var supported = path is "metadata.name" or "metadata.namespace" || kind.Info().FieldLabels.Contains(path);
            if (!supported)
            {
                throw ApiException.BadRequest($"field label not supported: {path}");
            }
        }
    }

    public bool Matches(StoredObject obj) => _terms.TrueForAll(t => (obj.Field(t.Path) == t.Value) == t.Equal);
}
