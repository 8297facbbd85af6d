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
                moved += Math.Max(0, delta);
                taken[m.Name] = Add(taken[m.Name], app.PodRequest, delta);
            }

            planned.Add(new PlannedApplication(app.Key, app.Replicas, app.Current, result.Placement, moved, result.Shortfall));
        }

        var plannedMembers = members.Select(m =>
        {
            var before = applications.Sum(a => a.Current.GetValueOrDefault(m.Name));
            var after = planned.Sum(a => a.After.GetValueOrDefault(m.Name));
            var freeCpu = m.Nodes.Sum(n => n.MilliCpu) - taken[m.Name].MilliCpu;
            var freeMemory = m.Nodes.Sum(n => n.MemoryBytes) - taken[m.Name].MemoryBytes;
            return new PlannedMember(
                m.Name,
                m.State,
                before,
                after,
                Capacity.CapacityMath.Utilisation(m.AllocatableMilliCpu - freeCpu, m.AllocatableMilliCpu),
                Capacity.CapacityMath.Utilisation(m.AllocatableMemoryBytes - freeMemory, m.AllocatableMemoryBytes));
        }).ToList();
        return new FleetPlan(planned, plannedMembers);
    }

    private static ResourceRequest Add(ResourceRequest sum, ResourceRequest perPod, int pods) =>
        new(sum.MilliCpu + (perPod.MilliCpu * pods), sum.MemoryBytes + (perPod.MemoryBytes * pods));
}
