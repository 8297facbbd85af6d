using Federation.Planning;

namespace Federation.Grains;

/// <summary>The fleet's persisted registry: members, applications and each application's placement.</summary>
[GenerateSerializer, Alias("fed.HostClusterState")]
public sealed class HostClusterState
{
    [Id(0)] public SortedSet<string> Members { get; set; } = new(StringComparer.Ordinal);

    [Id(1)] public SortedSet<string> Applications { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Each application's last placement request, with <see cref="FleetApplication.Current"/> = its placement.</summary>
    [Id(2)] public Dictionary<string, FleetApplication> Placements { get; set; } = new(StringComparer.Ordinal);
}
