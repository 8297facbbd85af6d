using CsCheck;
using Federation.Scheduling;

namespace Federation.Scheduling.Tests.Scheduling.Properties;

/// <summary>Random fleets and requests for the property tests.</summary>
internal static class FleetGen
{
    private static readonly Gen<MemberState> State = Gen.Frequency(
        (12, MemberState.Ready), (2, MemberState.Cordoned), (2, MemberState.NotReady),
        (1, MemberState.Maintenance), (1, MemberState.Draining), (1, MemberState.Retired));

    // Mostly a reported count (it does not change when the placement does, as free CPU would not
    // after the pods it pays for have started); sometimes free CPU and memory; sometimes unlimited.
    private static readonly Gen<MemberCapacity> Capacity = Gen.Frequency(
        (6, Gen.Int[0, 40].Select(n => new MemberCapacity(0, 0, 1, n))),
        (2, Gen.Select(Gen.Long[0, 20_000], Gen.Long[0, 40L << 30], (cpu, memory) => new MemberCapacity(cpu, memory, 3))),
        (1, Gen.Const(MemberCapacity.Unlimited)));

    private static readonly Gen<Dictionary<string, string>> Labels =
        Gen.Select(Gen.OneOf("eu", "us", "ap", ""), Gen.OneOf("a", "b"), (region, zone) =>
            region.Length == 0
                ? new Dictionary<string, string> { ["zone"] = zone }
                : new Dictionary<string, string> { ["region"] = region, ["zone"] = zone });

    private static readonly Gen<Candidate[]> AnyMembers = Gen.Int[1, 10].SelectMany(n =>
        Gen.Select(State, Capacity, Labels, Gen.Int[0, 9], (state, capacity, labels, flags) => (state, capacity, labels, flags))
            .Array[n]
            .Select(specs => specs.Select((s, i) => new Candidate($"m{i}", s.labels, s.state, s.capacity, FailedOver: s.flags < 3)).ToArray()));

    /// <summary>Any request: every strategy, state, capacity shape, weights, bounds, spread and current placement.</summary>
    public static Gen<SchedulingRequest> Requests(Gen<PlacementStrategy> strategies, Gen<Candidate[]>? members = null, bool bounds = true, bool spread = true) =>
        Gen.Select(strategies, members ?? AnyMembers, Gen.Int[0, 60], Gen.Int[0, 9], Gen.Int[0, 99], (s, m, r, w, seed) => (s, m, r, w, seed))
            .SelectMany(x => Gen.Select(
                Gen.Int[0, 12].Array[x.m.Length],
                Gen.Select(Gen.Int[0, 3], Gen.Int[0, 30], Gen.Int[0, 5], (min, room, kind) => (min, room, kind)).Array[x.m.Length],
                Gen.Int[0, 15].Array[x.m.Length],
                Gen.Int[0, 9],
                (weights, limits, current, spreadGroups) => Build(x.s, x.m, x.r, weights, limits, current, bounds, spread ? spreadGroups : 0, x.w)));

    /// <summary>All strategies.</summary>
    public static Gen<PlacementStrategy> AnyStrategy { get; } = Gen.Enum<PlacementStrategy>();

    /// <summary>Ready members with a reported room, nothing else going on: the clean setting of the share property.</summary>
    public static Gen<Candidate[]> ReadyMembers(int min = 1, int max = 10, int room = 1000) => Gen.Int[min, max].SelectMany(n =>
        Gen.Int[0, room].Array[n].Select(rooms => rooms.Select((r, i) =>
            new Candidate($"m{i}", new Dictionary<string, string>(), MemberState.Ready, new MemberCapacity(0, 0, 1, r))).ToArray()));

    private static SchedulingRequest Build(
        PlacementStrategy strategy, Candidate[] members, int replicas, int[] weights, (int Min, int Room, int Kind)[] limits,
        int[] current, bool withBounds, int spreadGroups, int shape)
    {
        // Weights: none (equal) a third of the time; otherwise at least one positive.
        Dictionary<string, int>? weightMap = shape < 3 ? null : members.Select((m, i) => (m.Name, W: weights[i])).ToDictionary(x => x.Name, x => x.W);
        if (weightMap is not null && weightMap.Values.All(w => w == 0))
        {
            weightMap[members[0].Name] = 1;
        }

        // Bounds on some members: a min, a max, or both.
        var boundMap = !withBounds || shape % 2 == 0 ? null : members.Select((m, i) => (m.Name, L: limits[i]))
            .Where(x => x.L.Kind < 3)
            .ToDictionary(x => x.Name, x => new ReplicaBounds(x.L.Kind == 1 ? 0 : x.L.Min, x.L.Kind == 0 ? null : x.L.Min + x.L.Room));
        var minimums = boundMap?.Values.Sum(b => b.Min) ?? 0;
        replicas = strategy == PlacementStrategy.Duplicated
            ? Math.Max(replicas, boundMap?.Values.Select(b => b.Min).DefaultIfEmpty().Max() ?? 0)
            : Math.Max(replicas, minimums);

        // Current placement on about half the members, and now and then on one that has left.
        var currentMap = members.Select((m, i) => (m.Name, C: current[i] % 2 == 0 ? 0 : current[i]))
            .Where(x => x.C > 0)
            .ToDictionary(x => x.Name, x => x.C);
        if (shape == 7)
        {
            currentMap["gone"] = 3;
        }

        // Priority orders by clusterNames (here: reversed names, one member left out, one unknown).
        var names = strategy == PlacementStrategy.Priority && shape > 4
            ? members.Select(m => m.Name).Reverse().Skip(1).Append("ghost").ToArray()
            : null;
        var spread = spreadGroups is >= 1 and <= 3 ? new SpreadConstraint("region", spreadGroups) : null;
        var policy = new PlacementPolicy(strategy, names, Weights: weightMap, Bounds: boundMap, Spread: spread);
        var pod = shape % 3 == 0 ? ResourceRequest.None : new ResourceRequest(250 * (1 + (shape % 4)), (1L << 28) * (1 + (shape % 3)));
        return new SchedulingRequest(replicas, policy, pod, members, currentMap);
    }
}
