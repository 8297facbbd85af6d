using Federation.Hooks;

namespace Federation.Grains;

/// <summary>The JSON a hook receives: which step of which application, on which member, and which attempt.</summary>
public sealed record HookPayload(
    HookKind Hook,
    string Application,
    string Member,
    int ReplicasBefore,
    int ReplicasAfter,
    string Reason,
    string? MigrationId,
    int Attempt);

/// <summary>How a call ended: 2xx or not, the status (null when no answer came), the answer's text (or the error), the tries made.</summary>
public sealed record HookAnswer(bool Succeeded, int? Status, string Answer, int Tries);
