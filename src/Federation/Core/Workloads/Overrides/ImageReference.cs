namespace Federation.Workloads.Overrides;

/// <summary>
/// A container image split into its parts: <c>[registry/]repository[:tag][@digest]</c>. The first path segment
/// is a registry when it looks like a host (has a '.' or ':', or is <c>localhost</c>), as Docker reads it.
/// </summary>
public sealed record ImageReference(string? Registry, string Repository, string? Tag, string? Digest)
{
    public static ImageReference Parse(string image)
    {
        var rest = image;
        string? digest = null;
        var at = rest.IndexOf('@', StringComparison.Ordinal);
        if (at >= 0)
        {
            (rest, digest) = (rest[..at], rest[(at + 1)..]);
        }

        string? registry = null;
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash > 0 && rest[..slash] is var first && (first.Contains('.') || first.Contains(':') || first == "localhost"))
        {
            (registry, rest) = (first, rest[(slash + 1)..]);
        }

        string? tag = null;
        var colon = rest.LastIndexOf(':');
        if (colon > rest.LastIndexOf('/'))
        {
            (rest, tag) = (rest[..colon], rest[(colon + 1)..]);
        }

        return new ImageReference(registry, rest, tag, digest);
    }

    public override string ToString() =>
        (Registry is null ? "" : Registry + "/") + Repository + (Tag is null ? "" : ":" + Tag) + (Digest is null ? "" : "@" + Digest);
}
