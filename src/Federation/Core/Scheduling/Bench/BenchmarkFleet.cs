namespace Federation.Scheduling.Bench;

/// <summary>Random but reproducible fleets and applications for the scheduling benchmark.</summary>
internal sealed class BenchmarkFleet(Random random)
{
    private static readonly string[] Regions = ["eu", "us", "ap"];

    /// <summary>Members "m0000".. with a region and zone, room for 20 to 500 pods; a few cordoned.</summary>
    public List<Candidate> Members(int count) => Enumerable.Range(0, count).Select(i => new Candidate(
        $"m{i:0000}",
        new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["region"] = Regions[i % Regions.Length],
            ["zone"] = $"z{random.Next(3)}",
        },
        random.Next(20) == 0 ? MemberState.Cordoned : MemberState.Ready,
        new MemberCapacity(0, 0, 3, random.Next(20, 501)))).ToList();

    /// <summary>
    /// One application's request: 1..200 replicas (1..20 under Duplicated), weights on Weighted,
    /// a spread now and then, and half the time a current placement to scale from (the scheduler's
    /// own answer for another replica count), so both fresh and incremental paths are measured.
    /// </summary>
    public SchedulingRequest Application(PlacementStrategy strategy, List<Candidate> members)
    {
        var replicas = strategy == PlacementStrategy.Duplicated ? random.Next(1, 21) : random.Next(1, 201);
        var weights = strategy == PlacementStrategy.Weighted
            ? members.ToDictionary(m => m.Name, _ => random.Next(1, 11), StringComparer.Ordinal)
            : null;
        var spread = random.Next(4) == 0 ? new SpreadConstraint("region", 2) : null;
        var policy = new PlacementPolicy(strategy, Weights: weights, Spread: spread);
        var request = new SchedulingRequest(replicas, policy, new ResourceRequest(250, 256L << 20), members, new Dictionary<string, int>());
        if (random.Next(2) == 0)
        {
            var before = ReplicaScheduler.Schedule(request with { Replicas = Math.Max(1, replicas + random.Next(-20, 21)) });
            request = request with { Current = before.Placement };
        }

        return request;
    }

    /// <summary>A mixed population: mostly Weighted and Dynamic, some of every other strategy.</summary>
    public PlacementStrategy AnyStrategy() => random.Next(10) switch
    {
        < 4 => PlacementStrategy.Weighted,
        < 7 => PlacementStrategy.Dynamic,
        7 => PlacementStrategy.Aggregated,
        8 => PlacementStrategy.Priority,
        _ => PlacementStrategy.Duplicated,
    };
}
