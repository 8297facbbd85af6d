namespace Federation.Applications;

/// <summary>A member the application stays off until <paramref name="Until"/>, and why.</summary>
public sealed record Avoided(DateTimeOffset Until, string Reason);

/// <summary>One member where the application has (or had) a Deployment, as avoidance sees it.</summary>
/// <param name="Applied">Replicas its Deployment was set to; null when nothing was applied there.</param>
/// <param name="Ready">Ready replicas it last reported.</param>
/// <param name="AppliedTemplate">The template hash last applied there.</param>
/// <param name="Reachable">False when the member does not answer: its unready replicas are the outage's, not the member's health.</param>
/// <param name="JudgedByRollout">A rollout judges the member: its unready replicas are the new version's doing.</param>
/// <param name="MigrationTarget">A target of the open migration: judged by the step timeout.</param>
public sealed record AvoidMember(string Name, int? Applied, int Ready, string? AppliedTemplate, bool Reachable, bool JudgedByRollout, bool MigrationTarget);

public sealed record AvoidInput(
    IReadOnlyList<AvoidMember> Members,
    IReadOnlyDictionary<string, DateTimeOffset> UnreadySince,
    IReadOnlyDictionary<string, Avoided> Avoid,
    string TemplateHash,
    string? ProvenTemplate,
    TimeSpan StepTimeout,
    TimeSpan UnhealthyAfter,
    TimeSpan AvoidFor,
    DateTimeOffset Now);

/// <summary>The avoidance after a decision; <paramref name="Replace"/>: a member was avoided or cleared, so place again.</summary>
public sealed record AvoidDecision(
    IReadOnlyDictionary<string, Avoided> Avoid,
    IReadOnlyDictionary<string, DateTimeOffset> UnreadySince,
    string? ProvenTemplate,
    IReadOnlyList<ReconcileNote> Notes,
    bool Replace,
    bool Changed);

/// <summary>
/// Application-level failover: replicas on a reachable member that stay unready longer than a
/// threshold (the step timeout for a migration target, unhealthyAfter otherwise) make the
/// application avoid that member for a while — but only when the template has run ready somewhere,
/// so a bad image is not mistaken for a bad member and chased around the fleet.
/// </summary>
public static class Avoidance
{
    /// <summary>Entries whose time has come are dropped: a member is avoided while now is before its time, never at it.</summary>
    public static (IReadOnlyDictionary<string, Avoided> Avoid, IReadOnlyList<ReconcileNote> Notes) Expire(IReadOnlyDictionary<string, Avoided> avoid, DateTimeOffset now)
    {
        if (avoid.All(a => a.Value.Until > now))
        {
            return (avoid, []);
        }

        var kept = new Dictionary<string, Avoided>(StringComparer.Ordinal);
        var notes = new List<ReconcileNote>();
        foreach (var (member, entry) in avoid.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            if (entry.Until > now)
            {
                kept[member] = entry;
            }
            else
            {
                notes.Add(new("AvoidExpired", null, member, 0, $"{member} may receive replicas again ({entry.Reason})"));
            }
        }

        return (kept, notes);
    }

    public static AvoidDecision Update(AvoidInput input)
    {
        // 1. A template that runs ready on some member is proven: unready replicas elsewhere are the member's fault.
        var proven = input.Members.Any(m => m.Ready > 0 && m.AppliedTemplate == input.TemplateHash) ? input.TemplateHash : input.ProvenTemplate;
        var avoid = new Dictionary<string, Avoided>(input.Avoid, StringComparer.Ordinal);
        var since = new Dictionary<string, DateTimeOffset>(input.UnreadySince, StringComparer.Ordinal);
        var notes = new List<ReconcileNote>();
        var replace = false;
        var changed = proven != input.ProvenTemplate;
        foreach (var m in input.Members.Where(m => m.Applied is not null).OrderBy(m => m.Name, StringComparer.Ordinal))
        {
            var applied = m.Applied!.Value;

            // 2. Ready, out of reach or judged by a rollout: not (or no longer) unready on the member's account.
            if (!m.Reachable || m.Ready >= applied || m.JudgedByRollout)
            {
                replace |= since.Remove(m.Name);
                continue;
            }

            // 3. Unready from now on: the clock starts.
            if (!since.TryGetValue(m.Name, out var from))
            {
                since[m.Name] = input.Now;
                changed = true;
                continue;
            }

            // 4. Unready past its limit, not avoided yet, with a proven template: avoid it.
            var limit = m.MigrationTarget ? input.StepTimeout : input.UnhealthyAfter;
            if (input.Now - from < limit || avoid.ContainsKey(m.Name) || proven != input.TemplateHash)
            {
                continue;
            }

            var why = $"{applied - m.Ready} of {applied} replicas on {m.Name} not ready after {limit.TotalSeconds:0}s";
            avoid[m.Name] = new Avoided(input.Now + input.AvoidFor, why);
            since.Remove(m.Name);
            notes.Add(new("Avoided", m.Name, null, applied - m.Ready, $"{why}; placing them elsewhere", m.MigrationTarget ? "step-timeout" : "unhealthy"));
            replace = true;
        }

        return new AvoidDecision(avoid, since, proven, notes, replace, changed || replace);
    }
}
