using Federation.Api;

namespace Federation.Cli.Export;

/// <summary>The sheet of each plan kind: a what-if plan (a row per application) and a survivability plan (a row per loss and application).</summary>
internal static class PlanSheets
{
    public static PlanSheet WhatIf(PlanResult plan)
    {
        var summary = new List<string>
        {
            plan.TotalShortfall > 0 ? $"{plan.TotalShortfall} replica(s) would not fit after this change" : "Every replica fits after this change",
        };
        summary.AddRange(plan.Shortfalls ?? []);
        summary.AddRange((plan.Members ?? []).OrderBy(m => m.Name, StringComparer.Ordinal).Select(m =>
            $"{m.Name} ({m.State}): {m.ReplicasBefore} -> {m.ReplicasAfter} replicas, CPU {Units.Percent(m.CpuUtilisation)}, memory {Units.Percent(m.MemoryUtilisation)}"));
        return new PlanSheet(
            "What-if plan",
            summary,
            ["application", "replicas", "before", "after", "moved", "shortfall"],
            [.. (plan.Applications ?? []).OrderBy(a => a.Application, StringComparer.Ordinal).Select(a => (IReadOnlyList<string>)
                [a.Application, $"{a.Replicas}", PlanPrinter.Division(a.Before), PlanPrinter.Division(a.After), $"{a.Moved}", $"{a.Shortfall}"])]);
    }

    /// <summary>Worst loss first, as the server orders them; a survivable loss is one row with no application.</summary>
    public static PlanSheet Survivability(SurvivabilityResult plan)
    {
        var rows = new List<IReadOnlyList<string>>();
        foreach (var loss in plan.Scenarios ?? [])
        {
            var common = new[] { string.Join("+", loss.Groups), string.Join(" ", loss.Members), $"{loss.Unplaced}" };
            var nodes = loss.Nodes?.Summary ?? "";
            if (loss.Applications is not { Count: > 0 })
            {
                rows.Add([.. common, "", "", "0", "0", "0", nodes]);
                continue;
            }

            rows.AddRange(loss.Applications.Select(a => (IReadOnlyList<string>)
                [.. common, a.Application, $"{a.Replicas}", $"{a.Shortfall}", Units.Cpu(loss.MilliCpuToAdd), Units.Memory(loss.MemoryBytesToAdd), nodes]));
        }

        return new PlanSheet(
            $"Survivability: {(plan.Survive == 2 ? "pairs of losses" : "single losses")} by {plan.By}",
            [
                $"{plan.Unsurvivable} of {plan.Losses} loss(es) leave replicas unplaced",
                plan.Unsurvivable == 0
                    ? "Every loss is survivable"
                    : $"To survive every loss add at least {Units.Cpu(plan.MilliCpuToAdd)} CPU and {Units.Memory(plan.MemoryBytesToAdd)} memory",
            ],
            ["loss", "members", "unplaced", "application", "replicas", "shortfall", "cpu_to_add", "memory_to_add", "nodes"],
            rows);
    }
}
