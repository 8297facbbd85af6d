using System.Text.Json.Nodes;

namespace Federation.Workloads.Overrides;

// The vocabulary of per-member overrides (after Karmada's OverridePolicy, held in the application itself).
// Within a rule the overriders apply in this order: image, command, args, env, labels, annotations, resources, patch.

/// <summary>One rule: the members it selects (all, when <see cref="Target"/> is null) and what it changes there.</summary>
public sealed record OverrideRule(
    OverrideTarget? Target = null,
    IReadOnlyList<ImageOverrider>? Image = null,
    IReadOnlyList<CommandOverrider>? Command = null,
    IReadOnlyList<CommandOverrider>? Args = null,
    IReadOnlyList<EnvOverrider>? Env = null,
    IReadOnlyList<MapOverrider>? Labels = null,
    IReadOnlyList<MapOverrider>? Annotations = null,
    IReadOnlyList<ResourcesOverrider>? Resources = null,
    JsonArray? Patch = null);

/// <summary>Members by name, or by labels they all carry (matchLabels); both given, a member must satisfy both.</summary>
public sealed record OverrideTarget(IReadOnlyList<string>? ClusterNames = null, IReadOnlyDictionary<string, string>? LabelSelector = null);

/// <summary>
/// One part of a container image (<c>registry/repository:tag@digest</c>): component Registry, Repository, Tag or Digest;
/// operator add (only where the part is absent), replace (set it) or remove. <see cref="Container"/> null: every container.
/// </summary>
public sealed record ImageOverrider(string? Component, string? Operator, string? Value = null, string? Container = null);

/// <summary>A container's command or args: operator append (after the existing ones) or replace (all of them).</summary>
public sealed record CommandOverrider(string? Operator, IReadOnlyList<string>? Value, string? Container = null);

/// <summary>Environment variables of a container: <see cref="Set"/> (add or change a value), then <see cref="Remove"/>.</summary>
public sealed record EnvOverrider(IReadOnlyDictionary<string, string>? Set = null, IReadOnlyList<string>? Remove = null, string? Container = null);

/// <summary>Labels or annotations of the workload: operator add (only absent keys), replace (set) or remove (the keys of <see cref="Value"/>).</summary>
public sealed record MapOverrider(string? Operator, IReadOnlyDictionary<string, string>? Value);

/// <summary>A container's requests and limits (quantities by resource name); what is not named is kept.</summary>
public sealed record ResourcesOverrider(IReadOnlyDictionary<string, string>? Requests = null, IReadOnlyDictionary<string, string>? Limits = null, string? Container = null);

/// <summary>An override that cannot be applied: <see cref="Field"/> is its path in the request (<c>overrides[0].image[1].operator</c>).</summary>
public sealed class InvalidOverrideException(string field, string problem) : ArgumentException($"{field} {problem}")
{
    public string Field { get; } = field;

    public string Problem { get; } = problem;
}
