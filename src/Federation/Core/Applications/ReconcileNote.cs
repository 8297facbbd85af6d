namespace Federation.Applications;

/// <summary>
/// An event a reconcile decision asks to record: what happened, from which member to which, how many
/// replicas, in an operator's words. <paramref name="Reason"/> defaults to the kind.
/// </summary>
public sealed record ReconcileNote(string Kind, string? From, string? To, int Replicas, string Message, string? Reason = null);
