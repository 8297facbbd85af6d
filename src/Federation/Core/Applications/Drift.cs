using Federation.Migration;
using Federation.Workloads.Companions;

namespace Federation.Applications;

/// <summary>What was applied on a member beside what should be there now.</summary>
/// <param name="AppliedOverrides">Hash of the effective manifest applied where overrides select the member (null: none did).</param>
/// <param name="AppliedCompanions">Companion id → content hash applied there (null: none).</param>
/// <param name="ObservedDesired">Replicas the member's Deployment asks for, as last observed (null: not observed).</param>
public sealed record MemberDrift(
    string? AppliedTemplate,
    string WantedTemplate,
    string? AppliedOverrides,
    string? WantedOverrides,
    IReadOnlyDictionary<string, string>? AppliedCompanions,
    IReadOnlyList<Companion> WantedCompanions,
    int Applied,
    int? ObservedDesired)
{
    /// <summary>A StatefulSet's first ordinal as written (null for a Deployment).</summary>
    public int? AppliedStart { get; init; }

    /// <summary>A StatefulSet's first ordinal as the member reports it.</summary>
    public int? ObservedStart { get; init; }
}

/// <summary>
/// A member's Deployment drifted when its template, its overrides or its companions are not the
/// ones wanted, or it does not ask for the replicas applied (changed by hand, or never observed):
/// it is written again with what was applied.
/// </summary>
public static class Drift
{
    public static bool Of(MemberDrift m) =>
        m.AppliedTemplate != m.WantedTemplate
        || m.AppliedOverrides != m.WantedOverrides
        || m.WantedCompanions.Any(c => m.AppliedCompanions?.GetValueOrDefault(c.Id) != c.Hash)
        || (m.AppliedCompanions?.Keys.Any(id => m.WantedCompanions.All(c => c.Id != id)) ?? false)
        || m.ObservedDesired != m.Applied
        || m.AppliedStart != m.ObservedStart;

    /// <summary>
    /// The step's writes, and every reachable member holding replicas that the step leaves alone but
    /// whose Deployment drifted, set again to what was applied. <paramref name="of"/> is asked only for those.
    /// </summary>
    public static IReadOnlyDictionary<string, int> Writes(StepDecision step, IReadOnlyList<MemberProgress> members, Func<string, MemberDrift> of)
    {
        var writes = new Dictionary<string, int>(step.Writes, StringComparer.Ordinal);
        foreach (var m in members.Where(m => m.Reachable && m.Applied > 0 && !writes.ContainsKey(m.Name) && Of(of(m.Name))))
        {
            writes[m.Name] = m.Applied;
        }

        return writes;
    }
}
