using Federation.Hooks;

namespace Federation.Grains;

/// <summary>
/// One HTTP hook of an application (or a fleet-wide default): when it is called, where, with which
/// secret (protected at rest like member credentials; never returned by the API), how long one try
/// may take, how many more tries a failed call gets, and what a failure does to its step.
/// </summary>
[GenerateSerializer, Immutable, Alias("fed.HookSpec")]
public sealed record HookSpec(
    [property: Id(0)] HookKind On,
    [property: Id(1)] string Url,
    [property: Id(2)] string? Secret,
    [property: Id(3)] TimeSpan Timeout,
    [property: Id(4)] int Retries,
    [property: Id(5)] HookFailurePolicy FailurePolicy);

/// <summary>What one hook answered to <c>hooks test</c>'s sample payload (never its secret).</summary>
[GenerateSerializer, Immutable, Alias("fed.HookTestView")]
public sealed record HookTestView(
    [property: Id(0)] HookKind Hook,
    [property: Id(1)] string Url,
    [property: Id(2)] bool Succeeded,
    [property: Id(3)] int? Status,
    [property: Id(4)] string Answer,
    [property: Id(5)] int Tries);
