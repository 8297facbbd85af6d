namespace Federation.Planning;

/// <summary>The groups of members a survivability question loses together, and the bound on pairs.</summary>
public static class LossGroups
{
    public const string ByMember = "member";

    /// <summary>
    /// Pairs grow with the square of the groups and each pair is a full what-if plan of the fleet,
    /// so pairs are evaluated only up to this many (e.g. 45 members give 990); beyond it the answer
    /// is a refusal that suggests grouping by a label.
    /// </summary>
    public const int MostPairs = 1_000;

    /// <summary>
    /// Members by group, groups in name order. By a label: members with the same value are lost
    /// together; a member without the label is a group of its own (named after it).
    /// </summary>
    public static IReadOnlyList<(string Group, IReadOnlyList<string> Members)> Of(IReadOnlyList<FleetMember> members, string by) =>
        [.. members
            .GroupBy(m => by == ByMember ? m.Name : m.Labels.GetValueOrDefault(by) ?? m.Name, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, (IReadOnlyList<string>)[.. g.Select(m => m.Name).Order(StringComparer.Ordinal)]))];

    /// <summary>Every single group (survive 1) or every pair of groups (survive 2), or why the question is refused.</summary>
    public static (IReadOnlyList<int[]> Losses, string? Refusal) Scenarios(int groups, int survive)
    {
        switch (survive)
        {
            case 1:
                return ([.. Enumerable.Range(0, groups).Select(i => new[] { i })], null);
            case 2:
                var pairs = (long)groups * (groups - 1) / 2;
                if (pairs > MostPairs)
                {
                    return ([], $"{groups} groups give {pairs} pairs, more than the {MostPairs} evaluated; group the members by a label (region, zone) or ask for single losses");
                }

                return ([.. Enumerable.Range(0, groups).SelectMany(i => Enumerable.Range(i + 1, groups - i - 1).Select(j => new[] { i, j }))], null);
            default:
                return ([], $"survive must be 1 or 2, not {survive}");
        }
    }
}
