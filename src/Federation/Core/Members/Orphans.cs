namespace Federation.Membership;

/// <summary>A Deployment labelled as managed by the federation, found on a member.</summary>
/// <param name="Application">Its application key, namespace/name.</param>
public sealed record ManagedDeployment(string Application, int Replicas, int Ready);

/// <summary>A managed Deployment that no application claims on that member.</summary>
/// <param name="Adoptable">Its application exists, so it can take the Deployment over.</param>
public sealed record Orphan(string Application, int Replicas, int Ready, bool Adoptable, string Reason);

/// <summary>
/// A member that joins may carry Deployments the federation left there (it was forgotten, or an
/// application was deleted while it was dark). They are orphans: listed, and touched only when
/// the operator asks to adopt or clean them.
/// </summary>
public static class Orphans
{
    /// <param name="applications">Every application of the fleet.</param>
    /// <param name="claimed">The applications that place or hold replicas on this member.</param>
    public static IReadOnlyList<Orphan> Find(IEnumerable<ManagedDeployment> found, IReadOnlySet<string> applications, IReadOnlySet<string> claimed) =>
        [.. found
            .Where(d => !claimed.Contains(d.Application))
            .OrderBy(d => d.Application, StringComparer.Ordinal)
            .Select(d => applications.Contains(d.Application)
                ? new Orphan(d.Application, d.Replicas, d.Ready, true, "its application does not run on this member")
                : new Orphan(d.Application, d.Replicas, d.Ready, false, "no such application"))];
}
