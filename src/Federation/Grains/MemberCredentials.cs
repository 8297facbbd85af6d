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
    private readonly SecretText _secrets = new(provider.CreateProtector("Federation.MemberCredentials.v1"));

    public MemberRegistration Protect(MemberRegistration registration) =>
        registration with { Kubeconfig = _secrets.Protect(registration.Kubeconfig), BearerToken = _secrets.Protect(registration.BearerToken) };

    public string? Unprotect(string? stored) => _secrets.Unprotect(stored);
}
