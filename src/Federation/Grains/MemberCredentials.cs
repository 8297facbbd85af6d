using Microsoft.AspNetCore.DataProtection;

namespace Federation.Grains;

/// <summary>
/// Member credentials at rest: a registration's kubeconfig content and bearer token are protected
/// with ASP.NET Core Data Protection before the member grain stores them (file or Redis), and
/// unprotected only where a member client is made. The key ring is shared by every silo (data
/// directory, or Redis), so any silo can open what another stored.
/// </summary>
public sealed class MemberCredentials(IDataProtectionProvider provider)
{
    // Marks a protected value; a registration stored before credentials were protected has none.
    private const string Prefix = "dp1:";

    private readonly IDataProtector _protector = provider.CreateProtector("Federation.MemberCredentials.v1");

    public MemberRegistration Protect(MemberRegistration registration) =>
        registration with { Kubeconfig = Protect(registration.Kubeconfig), BearerToken = Protect(registration.BearerToken) };

    public string? Unprotect(string? stored) =>
        stored is not null && stored.StartsWith(Prefix, StringComparison.Ordinal) ? _protector.Unprotect(stored[Prefix.Length..]) : stored;

    private string? Protect(string? secret) =>
        string.IsNullOrEmpty(secret) || secret.StartsWith(Prefix, StringComparison.Ordinal) ? secret : Prefix + _protector.Protect(secret);
}
