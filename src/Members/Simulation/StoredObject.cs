namespace Federation.Members.Simulation;

/// <summary>
/// One immutable version of a stored object. A change stores a new instance with a new
/// resourceVersion, so lists and watch events can hand out references without copying, and the
/// JSON of a version is produced at most once, on first use.
/// </summary>
internal abstract record StoredObject
{
    private byte[]? _json;

    protected StoredObject()
    {
    }

    // A copy (`with`) is a new version: it must not inherit the cached JSON of the original.
    protected StoredObject(StoredObject original)
    {
        Namespace = original.Namespace;
        Name = original.Name;
        Uid = original.Uid;
        ResourceVersion = original.ResourceVersion;
        CreationTimestamp = original.CreationTimestamp;
    }

    public required string Namespace { get; init; }

    public required string Name { get; init; }

    public required string Uid { get; init; }

    public required long ResourceVersion { get; init; }

    public required DateTimeOffset CreationTimestamp { get; init; }

    public abstract ResourceKind Kind { get; }

    public abstract IDictionary<string, string>? Labels { get; }

    public byte[] Json => _json ??= Render();

    /// <summary>A fresh model object (the caller owns it and may change it).</summary>
    public abstract object ToModel();

    /// <summary>The value of a field selector path, or null when the field is not selectable.</summary>
    public virtual string? Field(string path) => path switch
    {
        "metadata.name" => Name,
        "metadata.namespace" => Namespace,
        _ => null,
    };

    /// <summary>The same object at another resourceVersion (used for DELETED events).</summary>
    public virtual StoredObject WithResourceVersion(long resourceVersion) => this with { ResourceVersion = resourceVersion };

    /// <summary>Called when a newer version replaces this one; it then lives on only in the watch window.</summary>
    public virtual void Superseded()
    {
    }

    /// <summary>Cells of this object's row when a client asks for a Table.</summary>
    public abstract object?[] TableCells(DateTimeOffset now);

    protected virtual byte[] Render() => KubeJson.ToUtf8(ToModel());
}
