namespace Federation.Grains;

/// <summary>The host's latest evaluation of every single member loss: how many leave replicas unplaced, the worst ones.</summary>
[GenerateSerializer, Immutable, Alias("fed.FleetLossesView")]
public sealed record FleetLossesView(
    [property: Id(0)] DateTimeOffset EvaluatedAt,
    [property: Id(1)] int Losses,
    [property: Id(2)] int Unsurvivable,
    [property: Id(3)] IReadOnlyList<MemberLossView> Worst)
{
    /// <summary>Since when the next evaluation has been paused for reconciles waiting their turn (a failover under way); null when it is not.</summary>
    [Id(4)] public DateTimeOffset? PausedSince { get; init; }
}

/// <param name="Applications">"namespace/name: shortfall of replicas", worst first.</param>
/// <param name="Nodes">The fewest nodes like an existing member's that make the loss survivable, when found.</param>
[GenerateSerializer, Immutable, Alias("fed.MemberLossView")]
public sealed record MemberLossView(
    [property: Id(0)] string Member,
    [property: Id(1)] int Unplaced,
    [property: Id(2)] IReadOnlyList<string> Applications,
    [property: Id(3)] string? Nodes);
