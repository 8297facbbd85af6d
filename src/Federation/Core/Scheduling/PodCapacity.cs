namespace Federation.Scheduling;

/// <summary>How many pods of one application a member can run in total, counting those it runs now.</summary>
internal static class PodCapacity
{
    /// <summary>
    /// The member's own count when it reports one (<see cref="MemberCapacity.AvailableReplicas"/>
    /// already includes what it runs); otherwise the pods that fit in its free CPU and memory, the
    /// scarcer resource deciding, plus what it runs now. A request of zero for a resource is not
    /// bounded by that resource; a pod that requests nothing at all is bounded by nothing
    /// (<see cref="int.MaxValue"/>). Free capacity below zero (an over-committed member) counts as none.
    /// </summary>
    public static int Of(MemberCapacity capacity, ResourceRequest pod, int current)
    {
        if (capacity.AvailableReplicas is { } available)
        {
            return Math.Max(0, available);
        }

        // A member with no Ready node has nowhere to start a pod, whatever its totals say.
        if (capacity.NodeCount <= 0)
        {
            return current;
        }

        var fit = Math.Min(
            Fit(capacity.FreeMilliCpu, pod.MilliCpu),
            Fit(capacity.FreeMemoryBytes, pod.MemoryBytes));
        return (int)Math.Min(int.MaxValue, fit + current);
    }

    private static long Fit(long free, long perPod) =>
        perPod <= 0 ? int.MaxValue : Math.Clamp(free, 0, long.MaxValue) / perPod;
}
