using Federation.Grains;
using Federation.Scheduling;
using PlacementStrategy = Federation.Scheduling.PlacementStrategy;

namespace Federation.Tests.Cli;

/// <summary>Server answers for the fake host, built from the real view records.</summary>
internal static class TestViews
{
    private static readonly DateTimeOffset Joined = new(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);

    public static ClusterView Cluster(string name, MemberState state, params (string Application, int Applied)[] workloads) =>
        new(name, $"https://{name}.example:6443", new Dictionary<string, string> { ["region"] = "eu" }, state, Joined, null, 4.2,
            null, new CapacityView(8000, 32L << 30, 5500, 20L << 30, 3, 3, Joined), null, Joined,
            [.. workloads.Select(w => new ClusterWorkloadView(w.Application, w.Applied, w.Applied, w.Applied))]);

    public static ApplicationView Application(string ns, string name, MigrationView? migration = null) =>
        new(ns, name, 8, 8, PlacementStrategy.Weighted,
            [new MemberDeploymentView("east", 4, 4, 4, 4, 4, 4, true, Joined), new MemberDeploymentView("west", 4, 4, 4, 3, 3, 4, true, Joined)],
            7, 0, [new ConditionView("Available", true, "FloorMet", "7 of 8 ready, floor 8")], migration, 3, new Dictionary<string, string>());

    public static MigrationView Stuck(string reason) =>
        new("m-1", "drain east", ["east"], ["west"], 1, 3, 1, Joined, Joined, reason);
}
