namespace Federation.Capacity;

/// <summary>
/// How often a member's capacity (every node and pod) is read. Often while its figures matter: the host
/// holds promises on the member (only a read newer than them ends them), an application waits for room,
/// or the host is still re-learning where applications are after a restart. Seldom otherwise: then only
/// other workloads and node changes move the figures, and nobody waits for them.
/// </summary>
public static class CapacityReads
{
    /// <summary>Whether the host wants the member's figures fresh.</summary>
    public static bool Wanted(int promisesOnMember, bool anyApplicationWaiting, bool indexComplete) =>
        promisesOnMember > 0 || anyApplicationWaiting || !indexComplete;

    /// <summary>Whether the member is due for another read, its last one taken at <paramref name="lastRead"/>.</summary>
    public static bool Due(DateTimeOffset lastRead, DateTimeOffset now, bool wanted, TimeSpan interval, TimeSpan idleInterval) =>
        now - lastRead >= (wanted || idleInterval < interval ? interval : idleInterval);
}
