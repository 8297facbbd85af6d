using Federation.Scheduling;

namespace Federation.Planning;

/// <summary>
/// Places every application of a (possibly hypothetical) fleet with the live scheduling code, one
/// application after another in key order, each later one seeing the capacity the earlier ones
/// took — the same ledger discipline as the host. Pure: what-if plans change nothing.
/// </summary>
public static class FleetPlanner
{
    public static FleetPlan Evaluate(IReadOnlyList<FleetMember> members, IReadOnlyList<FleetApplication> applications, DateTimeOffset now)
    {
        var taken = members.ToDictionary(m => m.Name, m => m.Reserved, StringComparer.Ordinal);
        var planned = new List<PlannedApplication>();
        foreach (var app in applications.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var candidates = members.Select(m => Candidates.For(m, app, taken[m.Name], now)).ToList();
            var result = ReplicaScheduler.Schedule(new SchedulingRequest(app.Replicas, app.Policy, app.PodRequest, candidates, app.Current));
            var moved = 0;
            foreach (var m in members)
            {
                var delta = result.Placement.GetValueOrDefault(m.Name) - app.Current.GetValueOrDefault(m.Name);
                if (delta != 0)
                {
                    moved += Math.Max(0, delta);
                    taken[m.Name] = Add(taken[m.Name], app.PodRequest, delta);
                }
            }

            planned.Add(new PlannedApplication(app.Key, app.Replicas, app.Current, result.Placement, moved, result.Shortfall));
        }

        // Replicas per member before and after, in one pass over the applications (not one per member:
        // a survivability evaluation plans a fleet once per member).
        var before = ReplicasPerMember(applications.Select(a => a.Current));
        var after = ReplicasPerMember(planned.Select(a => a.After));
        var plannedMembers = members.Select(m =>
        {
            var (freeCpu, freeMemory) = Capacity.CapacityMath.Free(m.Nodes);
            freeCpu -= taken[m.Name].MilliCpu;
            freeMemory -= taken[m.Name].MemoryBytes;
            return new PlannedMember(
                m.Name,
                m.State,
                before.GetValueOrDefault(m.Name),
                after.GetValueOrDefault(m.Name),
                Capacity.CapacityMath.Utilisation(m.AllocatableMilliCpu - freeCpu, m.AllocatableMilliCpu),
                Capacity.CapacityMath.Utilisation(m.AllocatableMemoryBytes - freeMemory, m.AllocatableMemoryBytes));
        }).ToList();
        return new FleetPlan(planned, plannedMembers);
    }

    private static Dictionary<string, int> ReplicasPerMember(IEnumerable<IReadOnlyDictionary<string, int>> placements)
    {
        var sums = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var placement in placements)
        {
            foreach (var (member, replicas) in placement)
            {
                sums[member] = sums.GetValueOrDefault(member) + replicas;
            }
        }

        return sums;
    }

    private static ResourceRequest Add(ResourceRequest sum, ResourceRequest perPod, int pods) =>
        new(sum.MilliCpu + (perPod.MilliCpu * pods), sum.MemoryBytes + (perPod.MemoryBytes * pods));
}
