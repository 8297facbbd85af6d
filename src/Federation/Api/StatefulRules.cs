using Federation.Scheduling;
using Federation.Workloads;
using Federation.Workloads.Stateful;

namespace Federation.Api;

/// <summary>What a StatefulSet workload asks of the rest of the application, checked before anything is stored.</summary>
public static class StatefulRules
{
    /// <summary>The <c>failover.stateful</c> policy (null: the default, AfterConfirmation); problems are added to <paramref name="v"/> naming the field.</summary>
    public static StatefulFailover? Check(WorkloadTemplate? template, PlacementPolicy? policy, ApplicationRequest body, Validation v)
    {
        var stateful = template?.IsStateful == true;
        StatefulFailover? failover = null;
        if (body.Failover?.Stateful is { } given)
        {
            if (!Enum.TryParse<StatefulFailover>(given, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed) || int.TryParse(given, out _))
            {
                v.Add("failover.stateful", $"{Validation.Quote(given)} is not one of {string.Join(", ", Enum.GetNames<StatefulFailover>())}");
            }
            else if (template is not null && !stateful)
            {
                v.Add("failover.stateful", "applies to a StatefulSet workload; this one is a Deployment");
            }
            else
            {
                failover = parsed;
            }
        }

        if (!stateful)
        {
            return failover;
        }

        // Disjoint ordinal ranges divide the replicas: a StatefulSet cannot run every replica on every member.
        if (policy?.Strategy == PlacementStrategy.Duplicated)
        {
            v.Add("placement.strategy", "Duplicated runs every replica on every member; a StatefulSet's ordinals are divided across members (use Weighted, Dynamic, Aggregated or Priority)");
        }

        // Moves of ordinals go one at a time, started before they are stopped, and call no hooks.
        if (body.Hooks is { Count: > 0 })
        {
            v.Add("hooks", "are not called around a StatefulSet's ordinal moves; remove them");
        }

        return failover;
    }
}
