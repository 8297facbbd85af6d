using Federation.Membership;

namespace Federation.Api;

/// <summary>The answer to a forced unjoin: the member forgotten, and per application what was abandoned and what is placed elsewhere.</summary>
public sealed record ForgetResult(string Member, IReadOnlyList<ForgottenApplication> Applications);
