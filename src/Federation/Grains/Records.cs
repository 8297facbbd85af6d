using Federation.Planning;

namespace Federation.Grains;

/// <summary>An application's replicas on one member; <c>Lost</c> were on an unreachable member and run elsewhere now.</summary>
[GenerateSerializer, Immutable, Alias("fed.MemberWorkload")]
public sealed record MemberWorkload(
    [property: Id(0)] string Member,
    [property: Id(1)] int Target,
    [property: Id(2)] int Applied,
    [property: Id(3)] int Ready,
    [property: Id(4)] int Lost = 0,
    [property: Id(5)] int Unknown = 0);

/// <summary>A member Deployment's status as the application keeps it.</summary>
[GenerateSerializer, Immutable, Alias("fed.ObservedDeployment")]
public sealed record ObservedDeployment(
    [property: Id(0)] int Desired,
    [property: Id(1)] int Replicas,
    [property: Id(2)] int Ready,
    [property: Id(3)] int Available,
    [property: Id(4)] int Updated,
    [property: Id(5)] long Generation,
    [property: Id(6)] long ObservedGeneration,
    [property: Id(7)] DateTimeOffset ObservedAt)
{
    /// <summary>A StatefulSet's first ordinal (<c>spec.ordinals.start</c>); 0 for a Deployment.</summary>
    [Id(20)]
    public int OrdinalsStart { get; init; }
}

/// <summary>The fleet as plans see it: members and every application's scheduling inputs and placement.</summary>
[GenerateSerializer, Immutable, Alias("fed.FleetSnapshot")]
public sealed record FleetSnapshot(
    [property: Id(0)] IReadOnlyList<MemberSnapshot> Members,
    [property: Id(1)] IReadOnlyList<FleetApplication> Applications);


/// <summary>A member's name and labels.</summary>
[GenerateSerializer, Immutable, Alias("fed.MemberLabels")]
public sealed record MemberLabels(
    [property: Id(0)] string Name,
    [property: Id(1)] IReadOnlyDictionary<string, string> Labels);
