namespace Federation.Scheduling;

/// <summary>Step 1 of the pipeline: which members may hold this application's replicas, and within which bounds.</summary>
internal static class CandidateFilter
{
    // The members handed on, and every member object made so far, reused by the next placement on
    // this thread (see ScheduledMember): valid until then, as the arrays in Scratch.
    private static readonly Dictionary<string, string> EmptySelector = [];

    [ThreadStatic]
    private static List<ScheduledMember>? _members;

    [ThreadStatic]
    private static List<ScheduledMember>? _made;

    public static FilterOutcome Apply(SchedulingRequest request)
    {
        var policy = request.Policy;
        var excluded = new Dictionary<string, string>(StringComparer.Ordinal);

        // 1. Work in a fixed order, so that the order of the candidates in the request cannot matter:
        //    name order (callers often pass them sorted already; then there is nothing to sort or
        //    copy), or the application's own order of members when it has a tie-break.
        var sorted = IsSorted(request.Candidates);
        IReadOnlyList<Candidate> candidates = request.Candidates;
        if (request.TieBreak is { } seed)
        {
            // The rank is a hash of "seed/name", continued from the seed's so that no string is built per member.
            var prefix = StableHash.Start(seed + "/");
            var ranked = new (uint Rank, Candidate Candidate)[request.Candidates.Count];
            for (var i = 0; i < ranked.Length; i++)
            {
                ranked[i] = (StableHash.Of(prefix, request.Candidates[i].Name), request.Candidates[i]);
            }

            Array.Sort(ranked, (a, b) => a.Rank != b.Rank ? a.Rank.CompareTo(b.Rank) : string.CompareOrdinal(a.Candidate.Name, b.Candidate.Name));
            candidates = Array.ConvertAll(ranked, r => r.Candidate);
        }
        else if (!sorted)
        {
            var byName = request.Candidates.ToArray();
            Array.Sort(byName, (a, b) => string.CompareOrdinal(a.Name, b.Name));
            candidates = byName;
        }

        // 2. Names the policy or the current placement mention that are not members: left out as such
        //    (their replicas, if any, are placed elsewhere). Looked up by binary search in name order.
        var inNameOrder = sorted ? request.Candidates : request.TieBreak is null ? candidates : null;
        var known = inNameOrder is null ? request.Candidates.Select(c => c.Name).ToHashSet(StringComparer.Ordinal) : null;
        List<string>? unknown = null;
        foreach (var name in (policy.ClusterNames ?? []).Concat(request.Current.Keys))
        {
            if (!(known?.Contains(name) ?? Contains(inNameOrder!, name)) && !(unknown?.Contains(name) ?? false))
            {
                (unknown ??= []).Add(name);
            }
        }

        unknown?.Sort(StringComparer.Ordinal);

        // 3. Selection. clusterNames filters, except under Priority, where it is the order of preference
        //    and members it does not name come after (the scorer handles that).
        var named = policy.ClusterNames is { Count: > 0 } names && policy.Strategy != PlacementStrategy.Priority
            ? names.ToHashSet(StringComparer.Ordinal)
            : null;
        var members = _members ??= [];
        var made = _made ??= [];
        members.Clear();
        for (var i = 0; i < candidates.Count; i++)
        {
            var candidate = candidates[i];
            var reason = named is not null && !named.Contains(candidate.Name) ? ExclusionReasons.NotNamed
                : !Matches(candidate.Labels, policy.ClusterSelector) ? ExclusionReasons.SelectorMismatch
                : StateExclusion(candidate);
            if (reason is not null)
            {
                excluded[candidate.Name] = reason;
                continue;
            }

            members.Add(Bound(members.Count < made.Count ? made[members.Count] : null, candidate, request));
            if (members.Count > made.Count)
            {
                made.Add(members[^1]);
            }
        }

        return new FilterOutcome(candidates, members, excluded, (IReadOnlyList<string>?)unknown ?? []);
    }

    // 4. State: Draining, Retired and failed-over NotReady members hold nothing. (A FailedOver flag
    //    on a member that is no longer NotReady is stale: the member is judged by its state.)
    private static string? StateExclusion(Candidate candidate) => candidate.State switch
    {
        MemberState.Draining => ExclusionReasons.Draining,
        MemberState.Retired => ExclusionReasons.Retired,
        MemberState.NotReady when candidate.FailedOver => ExclusionReasons.FailedOver,
        _ => null,
    };

    // 5. Bounds: at most what the member can run, its max, and, for a member that takes no new
    //    replicas, what it runs now; at least its min, as far as that upper bound allows.
    private static ScheduledMember Bound(ScheduledMember? reused, Candidate candidate, SchedulingRequest request)
    {
        var current = request.Current.GetValueOrDefault(candidate.Name);
        var bounds = request.Policy.Bounds?.GetValueOrDefault(candidate.Name);
        var capacity = PodCapacity.Of(candidate.Capacity, request.PodRequest, current);
        var takesNew = candidate.State == MemberState.Ready;
        var hi = Math.Min(capacity, bounds?.Max ?? int.MaxValue);
        if (!takesNew)
        {
            hi = Math.Min(hi, current);
        }

        var reason = hi > 0 ? null
            : !takesNew && current == 0 ? ExclusionReasons.TakesNoNew(candidate.State)
            : bounds?.Max == 0 ? ExclusionReasons.MaxZero
            : candidate.NoGrowth ?? ExclusionReasons.NoRoom;
        var lo = Math.Min(bounds?.Min ?? 0, hi);
        return ScheduledMember.Fill(reused, candidate, current, capacity, lo, hi, reason);
    }

    internal static bool IsSorted(IReadOnlyList<Candidate> candidates)
    {
        for (var i = 1; i < candidates.Count; i++)
        {
            if (string.CompareOrdinal(candidates[i - 1].Name, candidates[i].Name) > 0)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Contains(IReadOnlyList<Candidate> byName, string name)
    {
        var (low, high) = (0, byName.Count - 1);
        while (low <= high)
        {
            var mid = (low + high) / 2;
            var order = string.CompareOrdinal(byName[mid].Name, name);
            if (order == 0)
            {
                return true;
            }

            (low, high) = order < 0 ? (mid + 1, high) : (low, mid - 1);
        }

        return false;
    }

    // A loop, not All(...): a lambda over the labels would allocate its closure on every call, selector or not.
    private static bool Matches(IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string>? selector)
    {
        foreach (var (key, wanted) in selector ?? EmptySelector)
        {
            if (!labels.TryGetValue(key, out var value) || !string.Equals(value, wanted, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
