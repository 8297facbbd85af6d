using Microsoft.AspNetCore.DataProtection;

namespace Federation.Grains;

/// <summary>
/// A secret at rest: protected with the federation's Data Protection key ring and marked, so that a
/// value stored before secrets were protected (no mark) still reads, and nothing is protected twice.
/// </summary>
public sealed class SecretText(IDataProtector protector)
{
    private const string Prefix = "dp1:";

    public string? Protect(string? secret) =>
        string.IsNullOrEmpty(secret) || secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret : Prefix + protector.Protect(secret);

    public string? Unprotect(string? stored) =>
        stored is not null && stored.StartsWith(Prefix, StringComparison.Ordinal) ? protector.Unprotect(stored[Prefix.Length..]) : stored;
}
