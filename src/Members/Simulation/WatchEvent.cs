namespace Federation.Members.Simulation;

/// <summary>One change in the store: ADDED, MODIFIED or DELETED, with the object version it produced.</summary>
internal sealed record WatchEvent(string Type, StoredObject Object)
{
    public long ResourceVersion => Object.ResourceVersion;
}
