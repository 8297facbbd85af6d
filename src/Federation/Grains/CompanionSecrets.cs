using Federation.Workloads.Companions;
using Microsoft.AspNetCore.DataProtection;

namespace Federation.Grains;

/// <summary>
/// Secret companions at rest: their manifests are protected with ASP.NET Core Data Protection (the key ring
/// member credentials use) before the application grain stores them, and opened only to be written to a member.
/// </summary>
public sealed class CompanionSecrets(IDataProtectionProvider provider)
{
    private readonly SecretText _secrets = new(provider.CreateProtector("Federation.CompanionSecrets.v1"));

    public IReadOnlyList<Companion>? Protect(IReadOnlyList<Companion>? companions) =>
        companions?.Select(c => c.IsSecret ? c with { Manifest = _secrets.Protect(c.Manifest)! } : c).ToList();

    /// <summary>The manifest to write to a member.</summary>
    public string Open(Companion companion) => _secrets.Unprotect(companion.Manifest)!;
}
