using Federation.Planning;

namespace Federation.Membership;

/// <summary>One application that ran on the member to forget, before and after.</summary>
/// <param name="Abandoned">Replicas left on the forgotten member, no longer managed.</param>
/// <param name="Placed">Replicas the plan places on the other members.</param>
public sealed record ForgottenApplication(string Application, int Replicas, int Floor, int Abandoned, int Placed)
{
    public bool BelowFloor => Placed < Floor;
}

/// <summary>Whether a member holding replicas may be forgotten, and what happens to each application.</summary>
public sealed record ForgetVerdict(bool Allowed, IReadOnlyList<ForgottenApplication> Applications, string? Refusal);

/// <param name="Member">The member to forget.</param>
/// <param name="Held">The applications placed on it or holding replicas there, with the replicas they hold.</param>
/// <param name="Floors">Each application's floor: replicas − maxUnavailable.</param>
/// <param name="AcceptShortfall">The operator accepts applications left below their floor.</param>
public sealed record ForgetInput(
    string Member,
    IReadOnlyList<FleetMember> Members,
    IReadOnlyList<FleetApplication> Applications,
    IReadOnlyDictionary<string, int> Held,
    IReadOnlyDictionary<string, int> Floors,
    bool AcceptShortfall,
    DateTimeOffset Now);

/// <summary>
/// <c>unjoin --force</c>: forgetting a member that still holds replicas re-places them on the others
/// at once (they are abandoned where they are). A what-if plan without the member — the live
/// scheduling code, every application seeing the capacity the others take — says whether each
/// application keeps its floor; if one would not, forgetting is refused unless the shortfall is accepted.
/// </summary>
public static class ForgetPlan
{
    public static ForgetVerdict Decide(ForgetInput input)
    {
        // 1. The fleet without the member, and every placement without its replicas there.
        var (members, applications) = Survivability.Without([input.Member], input.Members, input.Applications);
        var plan = FleetPlanner.Evaluate(members, applications, input.Now);

        // 2. The applications that ran there: what is abandoned, what the others hold after.
        var affected = plan.Applications
            .Where(a => input.Held.ContainsKey(a.Key))
            .Select(a => new ForgottenApplication(
                a.Key,
                a.Replicas,
                input.Floors.GetValueOrDefault(a.Key, a.Replicas),
                input.Held[a.Key],
                a.After.Values.Sum()))
            .ToList();

        // 3. Refused when an application would fall below its floor, unless that is accepted.
        var below = affected.Where(a => a.BelowFloor).ToList();
        if (below.Count == 0 || input.AcceptShortfall)
        {
            return new ForgetVerdict(true, affected, null);
        }

        var which = string.Join("; ", below.Select(a => $"{a.Application} would have {a.Placed} of {a.Replicas} replica(s) placed, below its floor of {a.Floor}"));
        return new ForgetVerdict(
            false,
            affected,
            $"forgetting member '{input.Member}' would leave applications below their floor: {which}. Add capacity first, or accept the shortfall (--accept-shortfall)");
    }
}
