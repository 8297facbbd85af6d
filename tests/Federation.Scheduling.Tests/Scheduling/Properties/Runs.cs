using Federation.Scheduling;

namespace Federation.Scheduling.Tests.Scheduling.Properties;

/// <summary>Follow-up requests: the fleet as it is once a placement has been carried out.</summary>
internal static class Runs
{
    /// <summary>
    /// The same request after <paramref name="placement"/> was carried out: it is the current
    /// placement, and members that report free CPU and memory have that much less free for the
    /// pods started (and more for those stopped). Reported counts already include what runs.
    /// </summary>
    public static SchedulingRequest After(SchedulingRequest request, IReadOnlyDictionary<string, int> placement)
    {
        var pod = request.PodRequest;
        var candidates = request.Candidates.Select(c =>
        {
            if (c.Capacity.AvailableReplicas is not null || c.Capacity == MemberCapacity.Unlimited)
            {
                return c;
            }

            var started = placement.GetValueOrDefault(c.Name) - request.Current.GetValueOrDefault(c.Name);
            return c with
            {
                Capacity = c.Capacity with
                {
                    FreeMilliCpu = c.Capacity.FreeMilliCpu - (started * pod.MilliCpu),
                    FreeMemoryBytes = c.Capacity.FreeMemoryBytes - (started * pod.MemoryBytes),
                },
            };
        }).ToList();
        return request with { Candidates = candidates, Current = placement };
    }

    public static int Moved(IReadOnlyDictionary<string, int> before, IReadOnlyDictionary<string, int> after) =>
        before.Keys.Union(after.Keys).Sum(m => Math.Abs(after.GetValueOrDefault(m) - before.GetValueOrDefault(m)));
}
