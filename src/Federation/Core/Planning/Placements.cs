namespace Federation.Planning;

/// <summary>Placements as maps of member → replicas.</summary>
public static class Placements
{
    /// <summary>The same replicas on the same members; a member with zero counts as absent.</summary>
    public static bool Same(IReadOnlyDictionary<string, int> a, IReadOnlyDictionary<string, int> b) =>
        a.Where(p => p.Value != 0).All(p => b.GetValueOrDefault(p.Key) == p.Value) && b.Where(p => p.Value != 0).All(p => a.GetValueOrDefault(p.Key) == p.Value);
}
