using Microsoft.AspNetCore.DataProtection;

namespace Federation.Grains;

/// <summary>
/// Hook secrets at rest, kept like member credentials: protected with the federation's Data
/// Protection key ring before the application grain stores its spec, unprotected only to sign a call.
/// </summary>
public sealed class HookSecrets(IDataProtectionProvider provider)
{
    private readonly SecretText _secrets = new(provider.CreateProtector("Federation.HookSecrets.v1"));

    public IReadOnlyList<HookSpec>? Protect(IReadOnlyList<HookSpec>? hooks) =>
        hooks?.Select(h => h with { Secret = _secrets.Protect(h.Secret) }).ToList();

    public string? Unprotect(string? stored) => _secrets.Unprotect(stored);
}
