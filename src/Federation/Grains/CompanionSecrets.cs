using Federation.Workloads.Companions;
using Microsoft.AspNetCore.DataProtection;

namespace Federation.Grains;

/// <summary>
/// Secret companions at rest: their manifests are protected with ASP.NET Core Data Protection (the key ring
/// member credentials use) before the application grain stores them, and opened only to be written to a member.
/// </summary>
public sealed class CompanionSecrets(IDataProtectionProvider provider)
{
    private const string Prefix = "dp1:";

    private readonly IDataProtector _protector = provider.CreateProtector("Federation.CompanionSecrets.v1");

    public IReadOnlyList<Companion>? Protect(IReadOnlyList<Companion>? companions) =>
        companions?.Select(c => c.IsSecret && !c.Manifest.StartsWith(Prefix, StringComparison.Ordinal) ? c with { Manifest = Prefix + _protector.Protect(c.Manifest) } : c).ToList();

    /// <summary>The manifest to write to a member.</summary>
    public string Open(Companion companion) =>
        companion.Manifest.StartsWith(Prefix, StringComparison.Ordinal) ? _protector.Unprotect(companion.Manifest[Prefix.Length..]) : companion.Manifest;
}
